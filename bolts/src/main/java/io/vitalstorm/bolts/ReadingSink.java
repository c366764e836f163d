package io.vitalstorm.bolts;

import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.parse.Rejection;
import io.vitalstorm.core.risk.Assessment;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;

/** A batching sink of the risk engine's assessments (latest state, history): one scored reading per tuple. */
abstract class ReadingSink extends BatchingBolt<ScoredObservation> {

    private static final long serialVersionUID = 1L;

    ReadingSink(int maxBatch, long maxDelayMillis) {
        super(maxBatch, maxDelayMillis);
    }

    @Override
    protected final ScoredObservation item(Tuple tuple) {
        return ((Assessment) tuple.getValueByField(TupleFields.ASSESSMENT)).scored();
    }

    @Override
    protected final String recordKey(Tuple tuple) {
        return BoltSupport.readingKey(item(tuple).observation());
    }

    @Override
    protected final Values deadLetter(Tuple tuple, Rejection rejection) {
        return support().deadLetters().ofReading(item(tuple).observation(), rejection);
    }
}
