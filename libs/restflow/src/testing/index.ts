/**
 * nestjs-restflow/testing: helpers for testing apps built with nestjs-restflow. Everything here
 * is exported by name.
 */
export {};
