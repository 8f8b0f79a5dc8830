package org.laporpredator.chat;

/** The text is not a chat export this reader understands; the message says why, in words a reporter can act on. */
public class ChatExportException extends Exception {
    private static final long serialVersionUID = 1L;

    public ChatExportException(String message) {
        super(message);
    }
}
