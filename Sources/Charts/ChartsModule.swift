/// Placeholder until this module lands; replaced by its first real type.
enum ChartsModule {}
