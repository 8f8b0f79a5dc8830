/**
 * Delivery of outbox events to partners: one record per partner and event, claimed by leases so that
 * several dispatchers on one database never deliver a record at the same time.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.laporpredator.api.delivery;
