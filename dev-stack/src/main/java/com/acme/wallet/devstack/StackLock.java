package com.acme.wallet.devstack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/** One ./wallet up or down at a time: a lock on {@code ./data/run/lock}, waited for up to 30 s. */
final class StackLock implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);

    private final FileChannel channel;
    private final FileLock lock;

    private StackLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static StackLock take(Path file) {
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException heldHere) {
                    lock = null;
                }
                if (lock != null) {
                    return new StackLock(channel, lock);
                }
                if (System.nanoTime() > deadline) {
                    channel.close();
                    throw new StackFailure("another ./wallet command is running (it holds " + file + ")");
                }
                Pause.of(Duration.ofMillis(200));
            }
        } catch (IOException failure) {
            throw new StackFailure("cannot lock " + file + ": " + failure.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException ignored) {
            // The lock goes with the channel, and both with the process.
        }
    }
}
