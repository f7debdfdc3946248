package com.maeworkbench.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A fuzz test of a decoder. The timeout is per input (Jazzer hands it to libFuzzer as {@code -timeout} when
 * fuzzing, JUnit applies it to each corpus input otherwise). Small files can legitimately declare tens of
 * megapixels, which take seconds to decode and ten times longer under Jazzer's instrumentation (the slowest
 * seen: 39 s for 25 megapixels of lossless JPEG, on this 2-core machine under load), so the limit is well
 * above that and only a hang trips it. The fuzzing time comes from {@code -Dfuzz.duration} (see
 * inference/pom.xml); this default applies only when the test is fuzzed outside Maven.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Timeout(120)
@FuzzTest(maxDuration = "10s")
@interface DecoderFuzzTest {
}
