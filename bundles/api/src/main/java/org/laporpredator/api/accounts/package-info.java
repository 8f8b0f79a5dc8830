/** Sessions of the analysts' and admins' console, kept where every node sees them. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.laporpredator.api.accounts;
