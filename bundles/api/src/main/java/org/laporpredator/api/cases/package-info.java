/** Case handling for analysts: the queue, reports with their items and history, decisions, the audit log. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("3.0.0")
package org.laporpredator.api.cases;
