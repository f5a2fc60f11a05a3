pub static RULES: &[&dyn super::DockerRule] = &[];
