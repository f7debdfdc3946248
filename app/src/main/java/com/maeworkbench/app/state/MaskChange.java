package com.maeworkbench.app.state;

import com.maeworkbench.mask.Region;

/**
 * One edit of the mask. {@code preview} marks intermediate edits during a drag; the edit that ends a
 * gesture has {@code preview == false}. The sequence number makes every change distinct to listeners.
 */
public record MaskChange(long seq, Region region, boolean preview) {
}
