package com.maeworkbench.method;

/** Whether a method can run on this machine, and the reason when it cannot. */
public record Availability(boolean available, String reason) {

    public static final Availability AVAILABLE = new Availability(true, "");

    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }
}
