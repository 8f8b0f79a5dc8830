/** Domain values and the services the core offers to channels and plugins. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.5.0")
package org.laporpredator.api;
