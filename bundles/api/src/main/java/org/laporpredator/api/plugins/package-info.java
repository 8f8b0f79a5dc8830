/** Plugins installed, upgraded and removed while the platform runs: the admins' view and actions. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.laporpredator.api.plugins;
