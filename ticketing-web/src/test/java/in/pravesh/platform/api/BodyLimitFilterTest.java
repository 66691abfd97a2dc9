package in.pravesh.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

class BodyLimitFilterTest {

  static class Routes {
    void plain() {}

    @BodyLimit(bytes = 8 * 1024 * 1024)
    void photo() {}
  }

  private static ResourceInfo route(String name) throws NoSuchMethodException {
    Method method = Routes.class.getDeclaredMethod(name);
    return new ResourceInfo() {
      @Override
      public Method getResourceMethod() {
        return method;
      }

      @Override
      public Class<?> getResourceClass() {
        return Routes.class;
      }
    };
  }

  @Test
  void routesTakeOneMebibyteUnlessTheySayOtherwise() throws Exception {
    assertThat(BodyLimitFilter.limitOf(route("plain"))).isEqualTo(1024 * 1024);
    assertThat(BodyLimitFilter.limitOf(route("photo"))).isEqualTo(8 * 1024 * 1024);
    assertThat(BodyLimitFilter.limitOf(null)).isEqualTo(1024 * 1024);
  }

  @Test
  void aStreamPastItsLimitFailsWhileReading() throws Exception {
    var stream = BodyLimitFilter.limited(new java.io.ByteArrayInputStream(new byte[2048]), 1024);

    assertThatThrownBy(stream::readAllBytes).isInstanceOf(BodyLimitFilter.TooLargeException.class);
  }

  @Test
  void aStreamWithinItsLimitReadsWhole() throws Exception {
    var stream = BodyLimitFilter.limited(new java.io.ByteArrayInputStream(new byte[1024]), 1024);

    assertThat(stream.readAllBytes()).hasSize(1024);
  }
}
