package dev.bulwark.web;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.DispatcherType;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.module.SimpleModule;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebProperties.class)
class WebConfiguration {

    /**
     * For every dispatch, so even Tomcat's own error responses get a request id; right after Boot's observation filter
     * ({@code HIGHEST_PRECEDENCE + 1}, which opens the request's server span), so its log lines carry the trace id.
     */
    @Bean
    FilterRegistrationBean<RequestTracingFilter> requestTracingFilter(Tracer tracer) {
        FilterRegistrationBean<RequestTracingFilter> registration =
                new FilterRegistrationBean<>(new RequestTracingFilter(tracer));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
        return registration;
    }

    /** First of all, before Boot's observation filter: a request's time in the queue is not part of its span. */
    @Bean
    FilterRegistrationBean<TurnTakingFilter> turnTakingFilter() {
        FilterRegistrationBean<TurnTakingFilter> registration =
                new FilterRegistrationBean<>(new TurnTakingFilter(Thread::yield));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }

    /** The access log is written off the request thread ({@link AsyncAccessLog}); lines a full queue dropped count. */
    @Bean
    MeterBinder asyncAccessLog() {
        LongAdder dropped = AsyncAccessLog.attach();
        return registry -> {
            if (dropped != null) {
                FunctionCounter.builder("bulwark.log.access.dropped", dropped, LongAdder::sum)
                        .description("Access-log lines dropped because the log's queue was full")
                        .register(registry);
            }
        };
    }

    /** Tomcat's own error pages become problem documents too (ordered after Boot's valve, so ours answers). */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(
            Problems problems, ProblemWriter writer, Tracer tracer) {
        return factory -> factory.addContextCustomizers(context ->
                context.getParent().getPipeline().addValve(new ProblemErrorReportValve(problems, writer, tracer)));
    }

    /** Strict JSON: unknown fields, trailing garbage and NUL characters are client errors, never silently accepted. */
    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder.enable(
                        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .addModule(new SimpleModule("bulwark-strings")
                        .addDeserializer(String.class, new NulRejectingStringDeserializer()));
    }
}
