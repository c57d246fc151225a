"""painlog's benchmark harness: ratios against baselines measured in the same run."""
