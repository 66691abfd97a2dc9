package in.pravesh.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenApiDocumentServletTest {

  @Test
  void gzipIsSentOnlyWhenTheClientAcceptsIt() {
    assertThat(OpenApiDocumentServlet.acceptsGzip("gzip, deflate, br")).isTrue();
    assertThat(OpenApiDocumentServlet.acceptsGzip("deflate, GZIP;q=0.5")).isTrue();
    assertThat(OpenApiDocumentServlet.acceptsGzip("*")).isTrue();
    assertThat(OpenApiDocumentServlet.acceptsGzip(null)).isFalse();
    assertThat(OpenApiDocumentServlet.acceptsGzip("br, deflate")).isFalse();
    assertThat(OpenApiDocumentServlet.acceptsGzip("gzip;q=0")).isFalse();
    assertThat(OpenApiDocumentServlet.acceptsGzip("gzip; q=0.000, deflate")).isFalse();
    assertThat(OpenApiDocumentServlet.acceptsGzip("x-gzip-like")).isFalse();
  }
}
