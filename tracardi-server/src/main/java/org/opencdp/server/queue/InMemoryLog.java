package org.opencdp.server.queue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The messages of one in-memory subscription. Like Pulsar's {@code Key_Shared}: a key with messages
 * in flight (handed out, not acknowledged) belongs to that consumer, other consumers skip it, and a
 * closed consumer's unacknowledged messages go back in their original order.
 */
final class InMemoryLog {

    private record Entry(long sequence, String id, QueueMessage message) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Not handed out, by publish sequence. */
    private final TreeMap<Long, Entry> ready = new TreeMap<>();
    private final Map<String, Reader> owners = new HashMap<>();
    private int inFlight;

    /** Ready plus unacknowledged messages. */
    long backlog() {
        lock.lock();
        try {
            return ready.size() + inFlight;
        } finally {
            lock.unlock();
        }
    }

    void append(long sequence, String id, QueueMessage message) {
        lock.lock();
        try {
            ready.put(sequence, new Entry(sequence, id, message));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    MessageSource open() {
        return new Reader();
    }

    /** One consumer's view of the log. */
    private final class Reader implements MessageSource {

        private final Map<Long, Entry> unacked = new HashMap<>();
        private final Map<String, Integer> ownedKeys = new HashMap<>();
        private boolean closed;

        @Override
        public Inbound receive(Duration timeout) throws InterruptedException {
            long remaining = timeout.toNanos();
            lock.lock();
            try {
                while (!closed) {
                    Entry entry = firstEligible();
                    if (entry != null) {
                        ready.remove(entry.sequence());
                        unacked.put(entry.sequence(), entry);
                        ownedKeys.merge(entry.message().key(), 1, Integer::sum);
                        owners.put(entry.message().key(), this);
                        inFlight++;
                        return inbound(entry);
                    }
                    if (remaining <= 0) {
                        return null;
                    }
                    remaining = changed.awaitNanos(remaining);
                }
                return null;
            } finally {
                lock.unlock();
            }
        }

        /** The oldest message whose key no other consumer holds: for a free key that is its oldest message. */
        private Entry firstEligible() {
            for (Entry entry : ready.values()) {
                Reader owner = owners.get(entry.message().key());
                if (owner == null || owner == this) {
                    return entry;
                }
            }
            return null;
        }

        private Inbound inbound(Entry entry) {
            return new Inbound() {
                @Override
                public QueueMessage message() {
                    return entry.message();
                }

                @Override
                public String messageId() {
                    return entry.id();
                }

                @Override
                public void acknowledge() {
                    settle(entry);
                }
            };
        }

        private void settle(Entry entry) {
            lock.lock();
            try {
                if (unacked.remove(entry.sequence()) == null) {
                    return; // closed meanwhile: the message went back to the log, as in Pulsar
                }
                inFlight--;
                release(entry.message().key());
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        private void release(String key) {
            if (ownedKeys.merge(key, -1, Integer::sum) <= 0) {
                ownedKeys.remove(key);
                owners.remove(key, this);
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                closed = true;
                for (Entry entry : unacked.values()) {
                    ready.put(entry.sequence(), entry);
                    inFlight--;
                }
                unacked.clear();
                ownedKeys.keySet().forEach(key -> owners.remove(key, this));
                ownedKeys.clear();
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
