//! Tests for the store area.
