package com.maeworkbench.app.service;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what a logger writes (System.Logger goes to java.util.logging), for tests that check a failure is
 * logged; the records do not reach the console meanwhile, where expected failures would read as real ones.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    public LogCapture(Class<?> source) {
        logger = Logger.getLogger(source.getName());
        logger.addHandler(this);
        logger.setUseParentHandlers(false);
    }

    public List<LogRecord> records() {
        return records;
    }

    /** The messages logged so far, one per line, levels first. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (LogRecord r : records) sb.append(r.getLevel()).append(' ').append(r.getMessage()).append('\n');
        return sb.toString();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(true);
    }
}
