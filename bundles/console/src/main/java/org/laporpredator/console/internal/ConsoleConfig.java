package org.laporpredator.console.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Lapor Predator console")
public @interface ConsoleConfig {

    @AttributeDefinition(description = "A console session ends after this many minutes without a call")
    int sessionIdleMinutes() default 30;

    @AttributeDefinition(description = "The first failed login of an account waits this long (milliseconds); each further one twice as long")
    int loginDelayMillis() default 250;

    @AttributeDefinition(description = "The longest wait after failed logins (milliseconds)")
    int maxLoginDelayMillis() default 8000;

    @AttributeDefinition(description = "etc/users.properties is compared with its last reading this often (seconds), for the audit log")
    int accountCheckSeconds() default 10;
}
