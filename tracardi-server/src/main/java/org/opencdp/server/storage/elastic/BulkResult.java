package org.opencdp.server.storage.elastic;

import java.util.List;

/**
 * What a bulk write did with each document, in the order they were given. A rejected document (a mapping
 * conflict, an unknown root field, a missing id or time) is a result, never an exception, and never keeps
 * the other documents from being stored.
 */
public record BulkResult(List<Item> items) {

    public BulkResult {
        items = List.copyOf(items);
    }

    public enum Outcome { CREATED, UPDATED, REJECTED }

    /**
     * One document: its position in the request, id, target index ({@code null} when it had none),
     * outcome and, when rejected, Elasticsearch's error type and reason.
     */
    public record Item(int position, String id, String index, Outcome outcome, String errorType, String reason,
                       Version version) {

        public Item(int position, String id, String index, Outcome outcome, String errorType, String reason) {
            this(position, id, index, outcome, errorType, reason, null);
        }


        public boolean ok() {
            return outcome != Outcome.REJECTED;
        }

        static Item rejected(int position, String id, String index, String errorType, String reason) {
            return new Item(position, id, index, Outcome.REJECTED, errorType, reason, null);
        }
    }

    public List<Item> rejected() {
        return items.stream().filter(item -> !item.ok()).toList();
    }

    public boolean allOk() {
        return items.stream().allMatch(Item::ok);
    }

    public int stored() {
        return (int) items.stream().filter(Item::ok).count();
    }
}
