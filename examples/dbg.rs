fn main() {
    let src = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let r = ironlaw::parse::dockerfile::parse(&src);
    for i in &r.dockerfile.instructions {
        println!(
            "{:?} span={:?} {:?}",
            i.kind,
            &src[i.span.range()],
            i.command().map(|c| match c {
                ironlaw::model::docker::CommandForm::Shell(s) => s.text.clone(),
                _ => "exec".into(),
            })
        );
        for h in &i.heredocs {
            println!(
                "  heredoc {:?} body={:?} script={}",
                &src[h.span.range()],
                h.body,
                h.script.is_some()
            );
        }
    }
    println!("{:?}", r.errors);
}
