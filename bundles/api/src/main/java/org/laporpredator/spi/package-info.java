/** What plugins implement: platform parsers, intake channels, partner notifiers. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("3.0.0")
package org.laporpredator.spi;
