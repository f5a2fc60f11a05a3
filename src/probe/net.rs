//! Name resolution and TCP connects, each bounded by the attempt's deadline.

use std::io::{self, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Why an attempt failed, as reported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The attempt's time ran out (`phase` says where).
    Timeout(&'static str),
    /// Anything else, already worded for the report.
    Error(String),
}

impl Failure {
    #[must_use]
    pub fn message(&self) -> String {
        match self {
            Failure::Timeout(phase) => format!("timed out during {phase}"),
            Failure::Error(e) => e.clone(),
        }
    }

    #[must_use]
    pub fn is_timeout(&self) -> bool {
        matches!(self, Failure::Timeout(_))
    }
}

/// Time left before `deadline`, or a timeout failure in `phase`.
///
/// # Errors
/// When the deadline has passed.
pub fn remaining(deadline: Instant, phase: &'static str) -> Result<Duration, Failure> {
    let left = deadline.saturating_duration_since(Instant::now());
    if left < Duration::from_millis(1) {
        Err(Failure::Timeout(phase))
    } else {
        Ok(left)
    }
}

/// Map an I/O error in `phase` to a failure.
#[must_use]
pub fn io_failure(e: &io::Error, phase: &'static str) -> Failure {
    match e.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => Failure::Timeout(phase),
        io::ErrorKind::ConnectionRefused => Failure::Error(format!("{phase}: connection refused")),
        io::ErrorKind::ConnectionReset => Failure::Error(format!("{phase}: connection reset")),
        io::ErrorKind::UnexpectedEof => {
            Failure::Error(format!("{phase}: connection closed by the peer"))
        }
        _ => Failure::Error(format!("{phase}: {e}")),
    }
}

/// Whether `host` is an IP literal (no lookup, no DNS time).
#[must_use]
pub fn is_ip(host: &str) -> bool {
    host.parse::<IpAddr>().is_ok()
}

/// Resolve `host:port`. IP literals need no lookup; names are resolved on a helper thread so
/// the deadline holds even when the system resolver hangs (the thread is left to finish).
///
/// # Errors
/// Lookup failure, no address, or the deadline.
pub fn resolve(host: &str, port: u16, deadline: Instant) -> Result<Vec<SocketAddr>, Failure> {
    if let Ok(ip) = host.parse::<IpAddr>() {
        return Ok(vec![SocketAddr::new(ip, port)]);
    }
    let left = remaining(deadline, "DNS lookup")?;
    let (tx, rx) = mpsc::channel();
    let name = format!("{host}:{port}");
    let spawned = std::thread::Builder::new()
        .name("probe-dns".into())
        .stack_size(256 * 1024)
        .spawn(move || {
            let r = name.to_socket_addrs().map(Iterator::collect::<Vec<_>>);
            let _ = tx.send(r);
        });
    if let Err(e) = spawned {
        return Err(Failure::Error(format!("DNS lookup: {e}")));
    }
    match rx.recv_timeout(left) {
        Ok(Ok(addrs)) if !addrs.is_empty() => Ok(addrs),
        Ok(Ok(_)) => Err(Failure::Error(format!("DNS lookup: no address for {host}"))),
        Ok(Err(e)) => Err(Failure::Error(format!("DNS lookup: {host}: {e}"))),
        Err(_) => Err(Failure::Timeout("DNS lookup")),
    }
}

/// Connect to the first address that accepts, each try bounded by the time left.
///
/// # Errors
/// The last address's error, or the deadline.
pub fn connect(
    addrs: &[SocketAddr],
    deadline: Instant,
) -> Result<(TcpStream, SocketAddr), Failure> {
    let mut last = Failure::Error("connect: no address".to_string());
    for addr in addrs {
        let left = remaining(deadline, "connect")?;
        match TcpStream::connect_timeout(addr, left) {
            Ok(s) => {
                let _ = s.set_nodelay(true);
                return Ok((s, *addr));
            }
            Err(e) => last = io_failure(&e, "connect"),
        }
    }
    Err(last)
}

/// A connection, plain or TLS, whose reads and writes observe the attempt deadline.
pub enum Conn {
    Plain(TcpStream),
    Tls(Box<rustls::StreamOwned<rustls::ClientConnection, TcpStream>>),
}

impl Conn {
    fn tcp(&self) -> &TcpStream {
        match self {
            Conn::Plain(s) => s,
            Conn::Tls(s) => &s.sock,
        }
    }

    /// Arm the socket timeouts with the time left.
    ///
    /// # Errors
    /// When the deadline has passed.
    pub fn arm(&self, deadline: Instant, phase: &'static str) -> Result<(), Failure> {
        let left = remaining(deadline, phase)?;
        let s = self.tcp();
        s.set_read_timeout(Some(left))
            .and_then(|()| s.set_write_timeout(Some(left)))
            .map_err(|e| io_failure(&e, phase))
    }
}

impl Read for Conn {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Conn::Plain(s) => s.read(buf),
            Conn::Tls(s) => match s.read(buf) {
                // a server that closes without close_notify: the end of the body for us
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(0),
                r => r,
            },
        }
    }
}

impl Write for Conn {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Conn::Plain(s) => s.write(buf),
            Conn::Tls(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Conn::Plain(s) => s.flush(),
            Conn::Tls(s) => s.flush(),
        }
    }
}
