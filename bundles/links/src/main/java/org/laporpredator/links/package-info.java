/** URL handling every parser shares: WHATWG URL parsing, link finding in free text, refanging, tracking parameters, registrable domains. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package org.laporpredator.links;
