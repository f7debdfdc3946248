package com.maeworkbench.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A fuzz test of a decoder. The timeout is per input (Jazzer hands it to libFuzzer as {@code -timeout} when
 * fuzzing, JUnit applies it to each corpus input otherwise): well above the slowest legitimate file the
 * fuzzer has made (a 96-megapixel RLE BMP of 2 KB, seconds to decode, far longer under Jazzer's
 * instrumentation), so that only a hang trips it. The fuzzing time comes from {@code -Dfuzz.duration}
 * (see inference/pom.xml); this default applies only when the test is fuzzed outside Maven.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Timeout(60)
@FuzzTest(maxDuration = "10s")
@interface DecoderFuzzTest {
}
