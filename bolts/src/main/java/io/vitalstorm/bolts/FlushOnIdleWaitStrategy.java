package io.vitalstorm.bolts;

import org.apache.storm.policy.IWaitStrategy;
import org.apache.storm.policy.WaitStrategyProgressive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bolts' wait strategy ({@code topology.bolt.wait.strategy}): Storm's progressive one, plus a
 * call, on the executor's own thread, to the flush of every batching bolt of that executor that
 * asked for it, the moment the executor finds no more input ready. So a batch is written as soon as
 * nothing else is waiting to join it: alone at low load, as large as the backlog at high load —
 * no fixed wait either way. Storm prepares a bolt and calls this strategy on the executor's thread
 * (BoltExecutor); a bolt prepared elsewhere is simply never flushed from here and keeps its delay
 * and tick.
 */
public final class FlushOnIdleWaitStrategy implements IWaitStrategy {

    private static final ThreadLocal<List<Runnable>> FLUSHES = ThreadLocal.withInitial(ArrayList::new);

    private final WaitStrategyProgressive waiting = new WaitStrategyProgressive();

    /** Flushes {@code flush} whenever this thread's executor runs out of input; the returned action undoes it. */
    static Runnable onIdle(Runnable flush) {
        List<Runnable> flushes = FLUSHES.get();
        flushes.add(flush);
        return () -> flushes.remove(flush);
    }

    @Override
    public void prepare(Map<String, Object> conf, WaitSituation waitSituation) {
        waiting.prepare(conf, waitSituation);
    }

    @Override
    public int idle(int idleCounter) throws InterruptedException {
        if (idleCounter == 0) { // the first idle call since the last input: the queue just ran dry
            List<Runnable> flushes = FLUSHES.get();
            for (int i = 0; i < flushes.size(); i++) {
                flushes.get(i).run();
            }
        }
        return waiting.idle(idleCounter);
    }
}
