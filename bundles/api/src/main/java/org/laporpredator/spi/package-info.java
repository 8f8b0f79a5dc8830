/**
 * What plugins implement: platform parsers, intake channels, partner notifiers.
 *
 * <p>Versioned semantically, and the build enforces it (bnd baselining against the previous release in
 * {@code baseline/}): a change that would break a plugin built against an earlier version of this package
 * fails the build unless the major version moves. Interfaces here are {@code @ConsumerType}: plugins
 * implement them, so a new abstract method is a major change; a new default method is not.
 *
 * <p>Records a plugin receives ({@link org.laporpredator.spi.OutboxEvent}) or makes
 * ({@link org.laporpredator.spi.ParsedItem}) may gain components in a minor version, without breaking a
 * plugin built earlier, because each such change keeps what existing plugins link against:
 * <ul>
 * <li>a new component goes last, and the former canonical constructor stays as a constructor that passes a
 * default (null, empty, false) for it, so a plugin that makes the record still links;</li>
 * <li>the accessors of existing components never change name, type or meaning, so a plugin that reads the
 * record still links, and simply does not see the new component;</li>
 * <li>a plugin therefore must not rely on the record's shape as a whole: no record deconstruction patterns
 * ({@code if (e instanceof OutboxEvent(var id, var type, ...))}), no {@code equals} between records it made
 * and records the platform made, no reflection over the components.</li>
 * </ul>
 * Event payloads grow the same way: {@link org.laporpredator.spi.Events} says how their JSON is versioned.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("3.0.0")
package org.laporpredator.spi;
