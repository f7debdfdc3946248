package com.maeworkbench.mae;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceTest {

    @Test
    void parsesNamesIgnoringCaseAndBlanks() {
        assertEquals(Device.AUTO, Device.parse("auto"));
        assertEquals(Device.CPU, Device.parse(" CPU "));
        assertEquals(Device.CUDA, Device.parse("Cuda"));
        assertEquals("cuda", Device.CUDA.toString());
    }

    @Test
    void rejectsUnknownNamesWithTheChoices() {
        for (String bad : new String[]{"gpu", "", "cuda:0", null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Device.parse(bad));
            assertTrue(e.getMessage().contains("auto, cpu or cuda"), e.getMessage());
        }
    }
}
