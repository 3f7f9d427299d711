package dev.bulwark.account;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AccountProperties.class, BootstrapAdmin.Settings.class})
class AccountConfiguration {}
