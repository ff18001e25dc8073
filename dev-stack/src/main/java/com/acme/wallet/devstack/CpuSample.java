package com.acme.wallet.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The CPU time, in clock ticks, that each part of the stack and the whole machine had used at one
 * instant, from /proc. Two samples give where the CPU went in between.
 *
 * @param restApi the REST API's user and system time
 * @param batchConsumer the batch consumer's
 * @param pulsar Pulsar standalone's
 * @param postgres every process of the postgres OS user's
 * @param machine the machine's busy time, all cores (user, nice, system, irq, softirq)
 */
record CpuSample(long restApi, long batchConsumer, long pulsar, long postgres, long machine) {

    private static final String PULSAR_MAIN_CLASS = "org.apache.pulsar.PulsarStandaloneStarter";
    private static final String POSTGRES_USER = "postgres";

    /**
     * Reads /proc now.
     *
     * @param restApi the REST API's pid, if it runs
     * @param batchConsumer the batch consumer's, if it runs
     */
    static CpuSample take(OptionalLong restApi, OptionalLong batchConsumer) {
        long pulsar = 0;
        long postgres = 0;
        for (long pid : allPids()) {
            if (ManagedProcesses.commandLine(pid).contains(PULSAR_MAIN_CLASS)) {
                pulsar += ticksOf(pid);
            } else if (POSTGRES_USER.equals(owner(pid))) {
                postgres += ticksOf(pid);
            }
        }
        return new CpuSample(restApi.isPresent() ? ticksOf(restApi.getAsLong()) : 0,
                batchConsumer.isPresent() ? ticksOf(batchConsumer.getAsLong()) : 0, pulsar, postgres, machineTicks());
    }

    /**
     * {@return the row of the CPU table between two samples: each part's share of the CPU time used
     * on all cores, and the rest (the load generator, the kernel and everything else)}
     */
    static String shareRow(String label, CpuSample before, CpuSample after) {
        long machine = after.machine - before.machine;
        if (machine <= 0) {
            throw new IllegalArgumentException("the machine used no CPU between the samples: " + before + ", " + after);
        }
        long restApi = after.restApi - before.restApi;
        long consumer = after.batchConsumer - before.batchConsumer;
        long pulsar = after.pulsar - before.pulsar;
        long postgres = after.postgres - before.postgres;
        long rest = machine - restApi - consumer - pulsar - postgres;
        return "| " + label + " | " + String.join(" | ", Stream.of(restApi, consumer, pulsar, postgres, rest)
                .map(ticks -> String.format(Locale.ROOT, "%.0f %%", 100.0 * ticks / machine)).toList()) + " |";
    }

    /** {@return user plus system time of a process, fields 14 and 15 of /proc/PID/stat; 0 if it is gone} */
    static long ticksOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            return ticksFromStat(stat);
        } catch (IOException gone) {
            return 0;
        }
    }

    /** Fields after the command name, which may hold spaces and is closed by the last ')'. */
    static long ticksFromStat(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state): utime is field 14, stime field 15.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** {@return the busy time of all cores, from /proc/stat's "cpu" line} */
    static long machineTicks() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).stream().filter(text -> text.startsWith("cpu "))
                    .findFirst().orElseThrow(() -> new IllegalStateException("/proc/stat has no cpu line"));
            return machineTicksFromStat(line);
        } catch (IOException unreadable) {
            throw new IllegalStateException("cannot read /proc/stat", unreadable);
        }
    }

    /** user + nice + system + irq + softirq: idle and iowait are not busy time. */
    static long machineTicksFromStat(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        return List.of(1, 2, 3, 6, 7).stream().mapToLong(index -> Long.parseLong(fields[index])).sum();
    }

    private static List<Long> allPids() {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(entry -> entry.getFileName().toString()).filter(name -> name.matches("[0-9]{1,10}"))
                    .map(Long::parseLong).toList();
        } catch (IOException unreadable) {
            return List.of();
        }
    }

    private static String owner(long pid) {
        try {
            return Files.getOwner(Path.of("/proc", Long.toString(pid))).getName();
        } catch (IOException gone) {
            return "";
        }
    }
}
