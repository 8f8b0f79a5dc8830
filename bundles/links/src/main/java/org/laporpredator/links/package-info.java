/** URL handling every parser shares: WHATWG URL parsing, refanging, tracking parameters, registrable domains. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.laporpredator.links;
