package dev.shelfsync.platform.problem;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes of every request body an operation reads and fails the read with {@link BodyTooLargeProblem} past
 * the limit. A declared length was already checked by {@link OversizedBodyRefusal}; this is what stops a chunked one.
 */
@Provider
public class BoundedEntityReader implements ReaderInterceptor {

    private final long limit;

    public BoundedEntityReader(OversizedBodyRefusal refusal) {
        this.limit = refusal.limit();
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new Bounded(context.getInputStream(), limit));
        return context.proceed();
    }

    private static final class Bounded extends FilterInputStream {

        private final long limit;
        private long read;
        private boolean over;

        Bounded(InputStream body, long limit) {
            super(body);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(n);
            return n;
        }

        @Override
        public void close() throws IOException {
            // Closing would drain the rest of an oversized body, which may never end; the connection is closed instead.
            if (!over) {
                super.close();
            }
        }

        private void count(int n) {
            if (n > 0) {
                read += n;
                if (read > limit) {
                    over = true;
                    throw new BodyTooLargeProblem(limit);
                }
            }
        }
    }
}
