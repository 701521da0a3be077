package org.tremplin.platform.web.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The console's language: French or English, taken from the browser ({@code Accept-Language}) until the person picks
 * one with the switch ({@code ?lang=fr} or {@code ?lang=en}), which a cookie keeps for a year.
 */
@Configuration
public class ConsoleConfig implements WebMvcConfigurer {

    /** The console's languages; the first is the fallback for a browser that asks for neither. */
    public static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.FRENCH);

    @Bean
    public LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("tremplin-lang");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setDefaultLocaleFunction(request -> {
            for (var requested : java.util.Collections.list(request.getLocales())) {
                for (Locale language : LANGUAGES) {
                    if (language.getLanguage().equals(requested.getLanguage())) {
                        return language;
                    }
                }
            }
            return Locale.ENGLISH;
        });
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                String lang = request.getParameter("lang");
                LANGUAGES.stream().filter(language -> language.getLanguage().equals(lang)).findFirst()
                        .ifPresent(language -> localeResolver().setLocale(request, response, language));
                return true;
            }
        }).excludePathPatterns("/api/**", "/engine-rest/**", "/camunda/**");
    }
}
