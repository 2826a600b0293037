//! Tests for the generate area.
