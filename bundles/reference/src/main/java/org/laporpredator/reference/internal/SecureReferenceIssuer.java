package org.laporpredator.reference.internal;

import java.security.SecureRandom;
import org.laporpredator.api.ReferenceIssuer;
import org.laporpredator.api.ReferenceNumbers;
import org.osgi.service.component.annotations.Component;

/** 7 digits drawn uniformly from a CSPRNG plus a Damm check digit. Never sequential. */
@Component(service = ReferenceIssuer.class)
public class SecureReferenceIssuer implements ReferenceIssuer {

    private static final int BOUND = 10_000_000;

    private final SecureRandom random;

    public SecureReferenceIssuer() {
        this(new SecureRandom());
    }

    SecureReferenceIssuer(SecureRandom random) {
        this.random = random;
    }

    @Override
    public String next() {
        String digits = Integer.toString(random.nextInt(BOUND));
        return ReferenceNumbers.complete("0".repeat(7 - digits.length()) + digits); // String.format costs 20 times more
    }
}
