package org.transferable.network;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.transferable.data.LabelledImages;
import org.transferable.train.StoppingRule;

/**
 * The validation splits a backend has held out, by training images (by identity, held weakly) and rule, so that
 * every fit on the same images with the same rule trains on the very same image set: the prefix cache finds a set by
 * identity, and a study's cells then share their cached outputs.
 */
final class Holdouts {
    private final Cache<LabelledImages, Map<StoppingRule.EarlyStopping, LabelledImages.Holdout>> splits =
            Caffeine.newBuilder().weakKeys().build();

    /** @return the split of these images by this rule, made on first use */
    LabelledImages.Holdout of(LabelledImages images, StoppingRule.EarlyStopping rule) {
        return splits.get(images, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(rule, r -> images.holdOut(r.validationFraction(), r.splitSeed()));
    }
}
