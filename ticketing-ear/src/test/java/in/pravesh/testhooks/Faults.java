package in.pravesh.testhooks;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** Binds {@link FaultInterceptor} to a production method ({@link FaultInjectionExtension}). */
@InterceptorBinding
@Retention(RUNTIME)
@Target({TYPE, METHOD})
public @interface Faults {

  /** The binding, for the extension to add. */
  final class Literal extends AnnotationLiteral<Faults> implements Faults {
    static final Literal INSTANCE = new Literal();
    private static final long serialVersionUID = 1L;
  }
}
