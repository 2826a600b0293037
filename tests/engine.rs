//! Tests for the engine area.
