package org.tremplin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TremplinApplication {

    static {
        // No calls home from a workflow engine that holds confidential project files.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(TremplinApplication.class, args);
    }
}
