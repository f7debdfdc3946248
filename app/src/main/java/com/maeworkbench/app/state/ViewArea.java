package com.maeworkbench.app.state;

import com.maeworkbench.mask.Region;

/**
 * What a panel shows of the image: the pixels on screen (clipped to the image) and the screen pixels per image
 * pixel. Every panel draws the same zoom and centre, so one value stands for all of them.
 */
public record ViewArea(Region visible, double scale) {
}
