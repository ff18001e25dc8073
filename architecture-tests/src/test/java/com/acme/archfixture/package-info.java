/**
 * A deliberately broken architecture: every class here breaks at least one of the wallet's rules,
 * so that {@code ArchitectureRulesBiteTest} can show each rule reports a violation. Never imported
 * by the real rules (they look at {@code com.acme.wallet} without tests).
 */
package com.acme.archfixture;
