package io.vitalstorm.bench.flink;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A sink that writes in batches through one of the storage module's writers: a batch goes when
 * it is full, and at every checkpoint and at the end of the input every batch is written and
 * durable before the sink reports the checkpoint done (at-least-once, as the limit loop commits
 * offsets only once a poll's writes are durable). At most {@value #IN_FLIGHT} batches are in
 * flight per subtask.
 */
final class BatchSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;
    static final int IN_FLIGHT = 8;
    private static final long WRITE_TIMEOUT_SECONDS = 20;

    /** Writes one batch; the stage completes when it is durable. */
    interface BatchWriter<T> {
        CompletionStage<?> write(List<T> batch);
    }

    /** Opens the writer in the task, from the JVM's shared clients. */
    interface Target<T> extends Serializable {
        BatchWriter<T> open(FlinkClients clients);
    }

    private final HashMap<String, String> conf;
    private final int batchSize;
    private final Target<T> target;

    BatchSink(HashMap<String, String> conf, int batchSize, Target<T> target) {
        this.conf = conf;
        this.batchSize = batchSize;
        this.target = target;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        try {
            return new Writer(target.open(FlinkClients.of(conf)));
        } catch (Exception e) {
            throw new IOException("cannot open the sink's clients", e);
        }
    }

    private final class Writer implements SinkWriter<T> {
        private final BatchWriter<T> writer;
        private final ArrayDeque<CompletableFuture<?>> inFlight = new ArrayDeque<>();
        private List<T> batch = new ArrayList<>(batchSize);

        Writer(BatchWriter<T> writer) {
            this.writer = writer;
        }

        @Override
        public void write(T element, Context context) throws IOException, InterruptedException {
            batch.add(element);
            if (batch.size() >= batchSize) {
                send();
            }
        }

        private void send() throws IOException, InterruptedException {
            while (inFlight.size() >= IN_FLIGHT) {
                await(inFlight.removeFirst());
            }
            inFlight.addLast(writer.write(batch).toCompletableFuture());
            batch = new ArrayList<>(batchSize);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            if (!batch.isEmpty()) {
                send();
            }
            while (!inFlight.isEmpty()) {
                await(inFlight.removeFirst());
            }
        }

        private void await(CompletableFuture<?> write) throws IOException, InterruptedException {
            try {
                write.get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("a batch write failed", e);
            }
        }

        @Override
        public void close() {
            // the clients are the JVM's, closed after the job
        }
    }
}
