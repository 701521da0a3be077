package org.tremplin.support;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The H2 datasource URL the application uses when nothing is configured ({@code application.yml}). */
public final class DefaultDatasource {

    /** The path of the default store, as the default URL writes it. */
    public static final String DEFAULT_PATH = "./data/tremplin";

    private DefaultDatasource() {
    }

    /** The default URL, exactly as {@code application.yml} gives it. */
    public static String url() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        Properties properties = yaml.getObject();
        assertThat(properties).isNotNull();
        String url = properties.getProperty("spring.datasource.url");
        assertThat(url).as("the default datasource URL").contains(":" + DEFAULT_PATH + ";");
        return url;
    }

    /**
     * The file of an H2 URL kept in a file ({@code jdbc:h2:retry:file:<path>} as the default, or {@code jdbc:h2:file:}),
     * its options dropped; {@code null} for any other URL.
     */
    public static String h2FilePath(String url) {
        for (String prefix : new String[]{"jdbc:h2:retry:file:", "jdbc:h2:file:"}) {
            if (url.startsWith(prefix)) {
                String path = url.substring(prefix.length());
                return path.contains(";") ? path.substring(0, path.indexOf(';')) : path;
            }
        }
        return null;
    }

    /** The default URL with every option kept, for a store at {@code store} (no extension) instead. */
    public static String urlAt(Path store) {
        return url().replace(DEFAULT_PATH, store.toAbsolutePath().toString());
    }
}
