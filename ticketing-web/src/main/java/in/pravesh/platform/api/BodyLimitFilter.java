package in.pravesh.platform.api;

import in.pravesh.platform.ProblemType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses bodies over the route's limit with 413 before reading them: at once when the declared
 * length is too large, and while reading when a chunked body turns out to be.
 */
@Provider
public class BodyLimitFilter implements ContainerRequestFilter {

  public static final long DEFAULT_LIMIT = 1024 * 1024;

  @Context ResourceInfo resourceInfo;

  @Override
  public void filter(ContainerRequestContext request) {
    long limit = limitOf(resourceInfo);
    if (request.getLength() > limit) {
      request.abortWith(Problems.response(ProblemType.PAYLOAD_TOO_LARGE, message(limit)));
    } else if (request.hasEntity()) {
      request.setEntityStream(limited(request.getEntityStream(), limit));
    }
  }

  static InputStream limited(InputStream in, long limit) {
    return new LimitedStream(in, limit);
  }

  static long limitOf(ResourceInfo info) {
    BodyLimit limit =
        info == null || info.getResourceMethod() == null
            ? null
            : info.getResourceMethod().getAnnotation(BodyLimit.class);
    return limit == null ? DEFAULT_LIMIT : limit.bytes();
  }

  static String message(long limit) {
    return "The body is larger than this route takes (" + limit + " bytes)";
  }

  /** Thrown while reading a body that passes its limit. */
  public static final class TooLargeException extends IOException {
    TooLargeException(long limit) {
      super(message(limit));
    }
  }

  private static final class LimitedStream extends FilterInputStream {
    private final long limit;
    private long read;

    LimitedStream(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(long n) throws TooLargeException {
      read += n;
      if (read > limit) {
        throw new TooLargeException(limit);
      }
    }
  }
}
