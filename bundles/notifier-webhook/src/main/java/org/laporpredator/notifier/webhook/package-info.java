/**
 * Standard Webhooks signatures, shared by the webhook notifier and the receivers that test it. The only
 * exported package of the webhook notifier; the notifier itself lives in {@code .internal}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.laporpredator.notifier.webhook;
