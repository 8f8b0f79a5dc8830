/** The conversation's steps, its texts in four languages, its state. */
package org.laporpredator.conversation.internal;
