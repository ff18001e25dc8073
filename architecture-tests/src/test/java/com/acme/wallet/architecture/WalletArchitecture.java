package com.acme.wallet.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.elements.GivenClassesConjunction;
import java.util.Arrays;
import java.util.List;

/**
 * The architecture rules, over any root package, so that the same rules can be shown to catch
 * violations in a fixture (see {@code ArchitectureRulesBiteTest}).
 *
 * <p>One Maven module is one root package and one layer: {@code domain} (money only),
 * {@code application} (its use cases and what they take and answer in {@code application.port.in},
 * their services in {@code application.service}, its outbound ports and what travels through
 * them in {@code application.port.out}), {@code adapter.http}, {@code adapter.pulsar},
 * {@code adapter.postgres}, {@code adapter.httpclient}, and the programs under {@code app}; the
 * tools around the service ({@code bench}, {@code devstack}) stand outside it with the programs.
 * The examples ({@code example}) stand outside it too, and use the domain only, as a service that
 * embeds the domain as a library does. The API's Java client ({@code client}) stands outside it as
 * well, and knows nothing of the service but its HTTP API.
 */
final class WalletArchitecture {

    private static final String[] TECHNOLOGY_PREFIXES =
            {"Javalin", "Pulsar", "Jdbi", "Postgres", "Http", "InMemory", "Micrometer"};

    private static final String PICOCLI_COMMAND = "picocli.CommandLine$Command";
    private static final String PICOCLI_OPTION = "picocli.CommandLine$Option";
    private static final String PICOCLI_MIXIN = "picocli.CommandLine$Mixin";
    private static final String PICOCLI_VERSION_PROVIDER = "picocli.CommandLine$IVersionProvider";

    private WalletArchitecture() {}

    /**
     * {@return the tools around the service, outside it like the programs: the benchmarks and the
     *     stack that runs the service on a developer's machine}
     */
    private static String[] tools(String root) {
        return new String[] {root + ".bench..", root + ".devstack.."};
    }

    private static String[] programsAndTools(String root) {
        return new String[] {root + ".app..", root + ".bench..", root + ".devstack.."};
    }

    private static String[] programsToolsAndExamples(String root) {
        return new String[] {root + ".app..", root + ".bench..", root + ".devstack..", root + ".example.."};
    }

    static ArchRule onionLayering(String root) {
        return onionArchitecture()
                .domainModels(root + ".domain")
                .domainServices(root + ".application.port..")
                .applicationServices(root + ".application..")
                .adapter("http", root + ".adapter.http..")
                .adapter("pulsar", root + ".adapter.pulsar..")
                .adapter("postgres", root + ".adapter.postgres..")
                .adapter("httpclient", root + ".adapter.httpclient..")
                .adapter("metrics", root + ".adapter.metrics..")
                // Optional so that the broken fixture, which has no Pulsar adapter, is judged on its dependencies.
                .withOptionalLayers(true)
                // The programs and tools stand outside the onion: wiring every ring together is their
                // job. The examples stand outside it too, under a rule of their own.
                .ignoreDependency(JavaClass.Predicates.resideInAnyPackage(programsToolsAndExamples(root)),
                        DescribedPredicate.alwaysTrue())
                .because("dependencies point inwards: adapters on the core, never the core on adapters, "
                        + "and adapters never on each other");
    }

    static ArchRule domainDependsOnTheJdkOnly(String root) {
        return classes().that().resideInAPackage(root + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", root + ".domain..")
                .because("the domain is also a library inside other JVM services and must stay dependency-free");
    }

    static ArchRule examplesDependOnTheDomainOnly(String root) {
        return classes().that().resideInAPackage(root + ".example..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", root + ".domain..", root + ".example..")
                .because("an example shows the domain embedded as a library, which is all another service has");
    }

    static ArchRule clientDependsOnTheJdkAndJacksonOnly(String root) {
        return classes().that().resideInAPackage(root + ".client..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "com.fasterxml.jackson..", root + ".client..")
                .because("the API's client is a library for any JVM service, which has the HTTP API and none of "
                        + "the service's classes");
    }

    static ArchRule nothingDependsOnExamples(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".example..")
                .should().dependOnClassesThat().resideInAPackage(root + ".example..")
                .because("the examples are there to be read and run, never used");
    }

    static ArchRule applicationDependsOnTheDomainOnly(String root) {
        return classes().that().resideInAPackage(root + ".application..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", root + ".domain..", root + ".application..")
                .because("use cases must not know which framework or infrastructure runs them");
    }

    static ArchRule onlyProgramsKnowAdapters(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".adapter..")
                .and().resideOutsideOfPackages(programsAndTools(root))
                .should().dependOnClassesThat().resideInAPackage(root + ".adapter..")
                .because("only the programs (and the tools that measure or run them) wire adapters");
    }

    static ArchRule nothingDependsOnPrograms(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".app..")
                .should().dependOnClassesThat().resideInAPackage(root + ".app..")
                .because("the programs are the outermost ring: wiring only");
    }

    static ArchRule onlyProgramsHaveMainMethods(String root) {
        return methods().that().haveName("main").and().areStatic()
                .and().areDeclaredInClassesThat().resideInAPackage(root + "..")
                .should().beDeclaredInClassesThat().resideInAnyPackage(programsAndTools(root))
                .because("only the programs, and the tools around them, are started");
    }

    static ArchRule nothingInTheServiceDependsOnTools(String root) {
        return noClasses().that().resideOutsideOfPackages(tools(root))
                .should().dependOnClassesThat().resideInAnyPackage(tools(root))
                .because("the benchmarks and the local stack stand outside the service, which never needs them");
    }

    /**
     * Keeps Micrometer at the edge: the domain and the application report what they measure through
     * ports ({@code RecordWriterMetricsPort}, {@code RecordPersisterMetricsPort}) or read-only
     * accessors, and adapters or programs bind them to meters.
     */
    static ArchRule onlyAdaptersAndProgramsUseMicrometer(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .and().resideOutsideOfPackage(root + ".adapter..")
                .and().resideOutsideOfPackages(programsAndTools(root))
                .should().dependOnClassesThat().resideInAPackage("io.micrometer..")
                .because("what the core measures leaves it through ports; meters, registries and their format "
                        + "are an adapter's concern");
    }

    static ArchRule portsAreInterfacesNamedForTheirCapability(String root) {
        return classes().that().resideInAPackage(root + ".application.port.out..").and().areInterfaces()
                .and().doNotHaveSimpleName("package-info")
                .should().haveSimpleNameEndingWith("Port")
                .because("outbound ports are narrow interfaces named by capability, like AppendWalletEventsPort");
    }

    static ArchRule useCasesAreInterfaces(String root) {
        return classes().that().haveSimpleNameEndingWith("UseCase")
                .should().beInterfaces().andShould().resideInAPackage(root + ".application.port.in")
                .because("inbound ports are interfaces of the application layer, in its port.in package");
    }

    /**
     * Keeps the services off the outbound ports, except the read side of the store
     * ({@code application.port.out.history}): reading stored history orders no change, so it need
     * not pass through the writer.
     */
    static ArchRule servicesWriteThroughTheWriter(String root) {
        return noClasses().that().resideInAPackage(root + ".application.service..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage(root + ".application.port.out..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage(
                                root + ".application.port.out.history.."))))
                .because("the use-case services reach the log and the store only through the single writer, "
                        + "which orders every change of a wallet; only reads of stored history, which change "
                        + "nothing, go to their port directly");
    }

    static ArchRule portImplementationsAreNamedForTheirTechnology(String root) {
        return classes().that().implement(portOf(root)).and().doNotHaveModifier(JavaModifier.ABSTRACT)
                .and().resideOutsideOfPackage(root + ".application")
                .should().haveNameMatching(".*\\.(" + String.join("|", TECHNOLOGY_PREFIXES) + ")[A-Za-z]+")
                .andShould().resideInAnyPackage(root + ".adapter..", root + ".application.inmemory..")
                .because("adapters are named technology + role, like PulsarEventLog, and live in adapters; "
                        + "only the application's own compositions of ports (SnapshotAndLogLoader) are exempt");
    }

    /**
     * Keeps logic out of the programs: every top-level class under {@code app} is an entry point (it
     * declares {@code main}), a command line (a picocli command, or options mixed into one) or what a
     * command line prints for {@code --version} (a picocli {@code IVersionProvider}). A checker, a report or a client of another service is none of these; it belongs behind a port
     * in the application or in an adapter, where it is unit tested apart from its wiring.
     *
     * @param root the root package
     * @param exempted classes, relative to {@code root} (such as {@code .app.restapi.RestApi}),
     *     known to break the rule and left for another change; each is named so the list cannot
     *     grow unseen
     */
    static ArchRule programsAreEntryPointsAndCommandLinesOnly(String root, String... exempted) {
        GivenClassesConjunction programs = classes().that().resideInAPackage(root + ".app..")
                .and().areTopLevelClasses().and().doNotHaveSimpleName("package-info");
        if (exempted.length > 0) {
            programs = programs.and(notAnyOf(Arrays.stream(exempted).map(name -> root + name).toList()));
        }
        return programs.should(beAnEntryPointOrACommandLine())
                .because("programs are wiring: logic in a program cannot be unit tested apart from its wiring, "
                        + "so it lives behind ports in the application and adapters");
    }

    /**
     * Fails once a class exempted from {@link #programsAreEntryPointsAndCommandLinesOnly} is gone
     * (its rule then matches nothing), so that its exemption goes with it.
     *
     * @param root the root package
     * @param exempted the exempted classes, relative to {@code root}
     */
    static ArchRule exemptedProgramClassesStillExist(String root, String... exempted) {
        List<ArchRule> rules = Arrays.stream(exempted)
                .map(name -> (ArchRule) classes().that().haveFullyQualifiedName(root + name)
                        .should().resideInAPackage(root + ".app..")
                        .because("an exemption from the programs rule names a program class that exists"))
                .toList();
        return CompositeArchRule.of(rules);
    }

    static List<ArchRule> all(String root) {
        return List.of(
                onionLayering(root),
                domainDependsOnTheJdkOnly(root),
                examplesDependOnTheDomainOnly(root),
                nothingDependsOnExamples(root),
                clientDependsOnTheJdkAndJacksonOnly(root),
                applicationDependsOnTheDomainOnly(root),
                onlyProgramsKnowAdapters(root),
                nothingDependsOnPrograms(root),
                onlyProgramsHaveMainMethods(root),
                nothingInTheServiceDependsOnTools(root),
                onlyAdaptersAndProgramsUseMicrometer(root),
                portsAreInterfacesNamedForTheirCapability(root),
                useCasesAreInterfaces(root),
                servicesWriteThroughTheWriter(root),
                portImplementationsAreNamedForTheirTechnology(root),
                programsAreEntryPointsAndCommandLinesOnly(root));
    }

    private static ArchCondition<JavaClass> beAnEntryPointOrACommandLine() {
        return new ArchCondition<>("be an entry point (declare main), a command line (picocli @Command, "
                + "or @Option/@Mixin fields) or its version (a picocli IVersionProvider)") {
            @Override
            public void check(JavaClass program, ConditionEvents events) {
                boolean entryPoint = program.getMethods().stream().anyMatch(method -> method.getName().equals("main")
                        && method.getModifiers().contains(JavaModifier.STATIC));
                boolean command = program.isAnnotatedWith(PICOCLI_COMMAND);
                boolean options = program.getFields().stream().anyMatch(field -> field.isAnnotatedWith(PICOCLI_OPTION)
                        || field.isAnnotatedWith(PICOCLI_MIXIN));
                boolean version = program.isAssignableTo(PICOCLI_VERSION_PROVIDER);
                boolean wiring = entryPoint || command || options || version;
                events.add(new SimpleConditionEvent(program, wiring, program.getName()
                        + (wiring ? " is an entry point, a command line or its version"
                                : " is neither an entry point nor a command line nor its version")));
            }
        };
    }

    private static DescribedPredicate<JavaClass> notAnyOf(List<String> excluded) {
        return new DescribedPredicate<>("are not exempted: " + excluded) {
            @Override
            public boolean test(JavaClass candidate) {
                return !excluded.contains(candidate.getName());
            }
        };
    }

    private static DescribedPredicate<JavaClass> portOf(String root) {
        return new DescribedPredicate<>("an outbound port of " + root) {
            @Override
            public boolean test(JavaClass candidate) {
                return candidate.isInterface() && candidate.getPackageName().startsWith(root + ".application.port.out");
            }
        };
    }
}
