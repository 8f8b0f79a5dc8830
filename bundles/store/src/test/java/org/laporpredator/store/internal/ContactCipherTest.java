package org.laporpredator.store.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ContactCipherTest {

    private static final String REF = "12345679";
    private static final String CONTACT = "Ahmad bin Ali, ahmad@example.my, +60 12-345 6789";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path key() {
        return tmp.getRoot().toPath().resolve("etc/lapor-contact.key");
    }

    @Test
    public void roundTrip() {
        ContactCipher cipher = ContactCipher.fromKeyFile(key());
        byte[] sealed = cipher.encrypt(CONTACT, REF);
        assertFalse(JdbcReportStoreTest.contains(sealed, CONTACT.getBytes(StandardCharsets.UTF_8)));
        assertEquals(12 + ContactCipher.BLOCK + 16, sealed.length);
        assertEquals(CONTACT, cipher.decrypt(sealed, REF));
    }

    @Test
    public void theStoredLengthDoesNotTellTheContactsLength() {
        ContactCipher cipher = ContactCipher.fromKeyFile(key());
        String shortOne = "a@b.my";
        String longOne = "x".repeat(400) + "@example.my";
        byte[] one = cipher.encrypt(shortOne, REF);
        byte[] two = cipher.encrypt(longOne, REF);
        assertEquals(one.length, two.length);
        assertEquals(shortOne, cipher.decrypt(one, REF));
        assertEquals(longOne, cipher.decrypt(two, REF));
        String longest = "\u0bb5".repeat(500); // 500 Tamil letters, 1,500 UTF-8 bytes: three blocks
        byte[] three = cipher.encrypt(longest, REF);
        assertEquals(12 + 3 * ContactCipher.BLOCK + 16, three.length);
        assertEquals(longest, cipher.decrypt(three, REF));
        assertEquals("", cipher.decrypt(cipher.encrypt("", REF), REF));
    }

    @Test
    public void valuesStoredBeforePaddingStillDecrypt() throws Exception {
        Path file = key();
        ContactCipher cipher = ContactCipher.fromKeyFile(file);
        byte[] raw = Base64.getDecoder().decode(Files.readString(file).trim());
        javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        byte[] iv = new byte[12];
        aes.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(raw, "AES"),
                new javax.crypto.spec.GCMParameterSpec(128, iv));
        aes.updateAAD(REF.getBytes(StandardCharsets.US_ASCII));
        byte[] sealed = aes.doFinal(CONTACT.getBytes(StandardCharsets.UTF_8));
        byte[] stored = new byte[12 + sealed.length];
        System.arraycopy(sealed, 0, stored, 12, sealed.length);
        assertEquals(CONTACT, cipher.decrypt(stored, REF));
    }

    @Test
    public void everyValueGetsItsOwnIv() {
        ContactCipher cipher = ContactCipher.fromKeyFile(key());
        byte[] one = cipher.encrypt(CONTACT, REF);
        byte[] two = cipher.encrypt(CONTACT, REF);
        assertFalse(Arrays.equals(Arrays.copyOf(one, 12), Arrays.copyOf(two, 12)));
        assertFalse(Arrays.equals(one, two));
    }

    @Test
    public void aValueOnlyDecryptsForItsOwnReport() {
        ContactCipher cipher = ContactCipher.fromKeyFile(key());
        byte[] sealed = cipher.encrypt(CONTACT, REF);
        assertThrows(IllegalArgumentException.class, () -> cipher.decrypt(sealed, "87654321"));
    }

    @Test
    public void tamperedBytesDoNotDecrypt() {
        ContactCipher cipher = ContactCipher.fromKeyFile(key());
        byte[] sealed = cipher.encrypt(CONTACT, REF);
        sealed[20] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> cipher.decrypt(sealed, REF));
        assertThrows(IllegalArgumentException.class, () -> cipher.decrypt(new byte[5], REF));
    }

    @Test
    public void theKeyFileIsCreatedOnceAndReused() throws Exception {
        assertFalse(Files.exists(key()));
        byte[] sealed = ContactCipher.fromKeyFile(key()).encrypt(CONTACT, REF);
        assertTrue(Files.exists(key()));
        byte[] keyText = Files.readAllBytes(key());
        assertEquals(32, Base64.getDecoder().decode(new String(keyText, StandardCharsets.US_ASCII).trim()).length);

        ContactCipher again = ContactCipher.fromKeyFile(key());
        assertArrayEquals(keyText, Files.readAllBytes(key()));
        assertEquals(CONTACT, again.decrypt(sealed, REF));
        try (var files = Files.list(key().getParent())) {
            assertEquals("no temporary files left", 1, files.count());
        }
    }

    @Test
    public void aNewKeyFileCannotReadOldValues() {
        byte[] sealed = ContactCipher.fromKeyFile(key()).encrypt(CONTACT, REF);
        ContactCipher other = ContactCipher.fromKeyFile(tmp.getRoot().toPath().resolve("other.key"));
        assertThrows(IllegalArgumentException.class, () -> other.decrypt(sealed, REF));
    }

    @Test
    public void theKeyFileIsOwnerOnly() throws Exception {
        Assume.assumeTrue(tmp.getRoot().toPath().getFileSystem().supportedFileAttributeViews().contains("posix"));
        ContactCipher.fromKeyFile(key());
        assertEquals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(key()));
    }

    @Test
    public void aDamagedKeyFileIsAClearError() throws Exception {
        Files.createDirectories(key().getParent());
        for (String bad : new String[] {"", "not base64 at all!", Base64.getEncoder().encodeToString(new byte[16])}) {
            Files.writeString(key(), bad);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ContactCipher.fromKeyFile(key()));
            assertTrue(e.getMessage(), e.getMessage().contains(key().toString()) && e.getMessage().contains("damaged"));
        }
        assertEquals(Base64.getEncoder().encodeToString(new byte[16]), Files.readString(key()));
    }

    @Test
    public void anUnreadableKeyFileIsAClearError() throws Exception {
        Files.createDirectories(key());  // a directory where the key file should be
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ContactCipher.fromKeyFile(key()));
        assertTrue(e.getMessage(), e.getMessage().contains(key().toString()));
        assertNotEquals(null, e.getCause());
    }
}
