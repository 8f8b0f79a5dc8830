package org.laporpredator.store.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts reporter contact details at rest: AES-256-GCM, a fresh 12-byte IV per value, a 128-bit tag,
 * the report's reference as associated data (a value cannot be moved to another report). Stored as
 * IV || ciphertext-with-tag. The plaintext is padded to a multiple of {@value #BLOCK} bytes (a zero byte,
 * the length in two bytes, the UTF-8, zeros), so the stored length does not tell how long a contact is;
 * values stored before padding (plain UTF-8, which never starts with a zero byte) still decrypt.
 * The key is a Base64 file, created on first start and kept by the admin.
 */
final class ContactCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Padded plaintexts are a multiple of this long; every contact of up to 509 UTF-8 bytes is one block. */
    static final int BLOCK = 512;
    private static final int HEADER = 3;

    private final SecretKey key;
    private final SecureRandom random;
    /** A Cipher per thread (one is not thread-safe, and looking one up costs as much as a chat's state). */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(ContactCipher::newCipher);

    private ContactCipher(byte[] key, SecureRandom random) {
        this.key = new SecretKeySpec(key, "AES");
        this.random = random;
    }

    /**
     * Loads the key file, creating it with a fresh random key when it does not exist. Synchronized: the
     * bundle's components start in parallel, and two creating the file at once could each keep another key.
     */
    static synchronized ContactCipher fromKeyFile(Path file) {
        SecureRandom random = new SecureRandom();
        if (!Files.exists(file)) {
            create(file, random);
        }
        byte[] key = load(file);
        try {
            return new ContactCipher(key, random);
        } finally {
            Arrays.fill(key, (byte) 0); // SecretKeySpec keeps its own copy
        }
    }

    byte[] encrypt(String contact, String reference) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(reference.getBytes(StandardCharsets.US_ASCII));
            byte[] padded = pad(contact.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(padded);
            Arrays.fill(padded, (byte) 0);
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The contact stored for a report. Fails when the key, the reference or the bytes are wrong. */
    String decrypt(byte[] stored, String reference) {
        if (stored.length < IV_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("Stored contact is too short");
        }
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            cipher.updateAAD(reference.getBytes(StandardCharsets.US_ASCII));
            byte[] plain = cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
            return unpad(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Stored contact cannot be decrypted: wrong key, wrong report or damaged data");
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    static byte[] pad(byte[] utf8) {
        if (utf8.length > 0xffff) {
            throw new IllegalArgumentException("Contact too long");
        }
        int blocks = (HEADER + utf8.length + BLOCK - 1) / BLOCK;
        byte[] out = new byte[blocks * BLOCK];
        out[0] = 0;
        out[1] = (byte) (utf8.length >>> 8);
        out[2] = (byte) utf8.length;
        System.arraycopy(utf8, 0, out, HEADER, utf8.length);
        return out;
    }

    static String unpad(byte[] plain) {
        if (plain.length == 0 || plain[0] != 0) {
            return new String(plain, StandardCharsets.UTF_8); // stored before padding
        }
        int length = plain.length < HEADER ? -1 : (plain[1] & 0xff) << 8 | plain[2] & 0xff;
        if (length < 0 || HEADER + length > plain.length) {
            throw new IllegalArgumentException("Stored contact is damaged");
        }
        return new String(plain, HEADER, length, StandardCharsets.UTF_8);
    }

    // Writes the key to a temporary owner-only file, then moves it into place in one step,
    // so the key file is never seen half-written.
    private static void create(Path file, SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        byte[] text = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(key, (byte) 0);
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, ".lapor-contact", ".tmp", ownerOnly(dir));
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap(text));
                out.force(true);
            }
            if (Files.exists(file)) {
                return; // someone else made it first; use theirs
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (FileAlreadyExistsException e) {
            // someone else made it first; use theirs
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the contact key file " + file + ": " + e, e);
        } finally {
            Arrays.fill(text, (byte) 0);
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temporary file is harmless
                }
            }
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path dir) {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
        }
        return new FileAttribute<?>[0];
    }

    private static byte[] load(Path file) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).trim();
        } catch (AccessDeniedException e) {
            throw new IllegalStateException("The contact key file " + file + " is not readable by Karaf; fix its permissions", e);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the contact key file " + file + ": " + e, e);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException("The contact key file " + file + " is damaged: it must hold one Base64 "
                    + KEY_BYTES + "-byte key. Restore it from backup; without it stored contacts cannot be read.");
        }
        return key;
    }
}
