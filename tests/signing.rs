//! Tests for the signing area.
