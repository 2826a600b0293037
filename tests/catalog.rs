//! Tests for the catalog area.
