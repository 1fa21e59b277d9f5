//! Generators. py2rust turns each generator function into a state-machine `enum` (one variant
//! per suspension point, holding the locals live across it) that implements [`Generator`];
//! [`PyGen`] is the generator object Python code sees: shared by reference, with the protocol
//! (`next`, `send`, `throw`, `close`), its status, and the rules CPython enforces around them.

use crate::err::{Exc, PyErr, PyResult};
use crate::int::Int;
use crate::object::PyObject;
use crate::pystr::PyStr;
use crate::value::{FromValue, IntoValue, Object, Value, ValueIter};
use std::any::Any;
use std::cell::{Cell, UnsafeCell};
use std::mem::ManuallyDrop;
use std::ops::Deref;
use std::rc::Rc;

/// What resumes a suspended generator whose `send` takes values of type `S`.
pub enum Input<S> {
    /// `next(g)` (or `g.send(None)`): the paused `yield` evaluates to `None`.
    Next,
    /// `g.send(v)`.
    Send(S),
    /// `g.throw(e)` (and `g.close()`, which throws `GeneratorExit`): raised at the paused `yield`.
    Throw(PyErr),
}

impl<S> Input<S> {
    /// The same input for a sub-generator (`yield from`) that takes any value.
    #[inline]
    pub fn into_dyn(self) -> Input<Value>
    where
        S: IntoValue,
    {
        match self {
            Input::Next => Input::Next,
            Input::Send(v) => Input::Send(v.into_value()),
            Input::Throw(e) => Input::Throw(e),
        }
    }
}

impl Input<()> {
    /// The same input for a sub-generator (`yield from`) that takes values of another type:
    /// sending `None` is resuming with `next`.
    #[inline]
    pub fn retype<T>(self) -> Input<T> {
        match self {
            Input::Next | Input::Send(()) => Input::Next,
            Input::Throw(e) => Input::Throw(e),
        }
    }
}

/// The types a generator's `send` takes: `()` (nothing but `None` is ever sent), one native type
/// (each `send` passes an `int`, say; `next` and `send(None)` give the `yield` `None`), or `Value`.
pub trait Sendable: Sized + 'static {
    /// Whether this is Python's `None` (`send(None)` may start a generator, as `next` does).
    fn is_none(&self) -> bool;
    /// A value sent by a dynamic call (`g.send(v)` with `g` held in a `Value`). Inference makes
    /// every generator take `Value`s when such a call exists, so the conversion cannot fail then.
    fn input_of(v: Value) -> PyResult<Input<Self>>;
}

impl Sendable for Value {
    #[inline]
    fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }
    fn input_of(v: Value) -> PyResult<Input<Value>> {
        Ok(Input::Send(v))
    }
}

impl Sendable for () {
    #[inline]
    fn is_none(&self) -> bool {
        true
    }
    fn input_of(v: Value) -> PyResult<Input<()>> {
        match v {
            Value::None => Ok(Input::Next),
            other => Err(PyErr::type_error(format!("py2rust: internal error: a generator that is never sent values was sent {}", other.type_name()))),
        }
    }
}

macro_rules! sendable {
    ($($t:ty),*) => {$(
        impl Sendable for $t {
            #[inline]
            fn is_none(&self) -> bool {
                false
            }
            fn input_of(v: Value) -> PyResult<Input<$t>> {
                match v {
                    Value::None => Ok(Input::Next),
                    other => <$t>::from_value(other).map(Input::Send),
                }
            }
        }
    )*};
}
sendable!(Int, f64, bool, PyStr);

/// Stores the state a generator pauses in. The generated `resume` took the previous state
/// out when it resumed, leaving `Done`, which owns nothing: it is overwritten without the
/// check-and-drop an assignment would run (a call per `yield` where the state has fields
/// that need dropping).
#[inline(always)]
pub fn park<G>(slot: &mut G, state: G) {
    std::mem::forget(std::mem::replace(slot, state));
}

/// No value: a [`Step`] that cannot be a `Delegate`.
pub enum Never {}

/// How one resumption ended.
pub enum Step<Y, R, D = Never> {
    /// Suspended at a `yield` with this value.
    Yield(Y),
    /// Finished with `return` (the value `StopIteration.value` carries).
    Return(R),
    /// Paused at a `yield from` of this new generator of the same function (only
    /// [`FlatGenerator`]s give it: [`Flat`] runs that generator next).
    Delegate(D),
}

/// A generator function's state machine (generated code implements it).
pub trait Generator: 'static {
    type Yield;
    type Return;
    /// What iterating the generator where it is made gives (see [`LocalGen`]): `Self::Yield`
    /// when py2rust proved its body cannot raise, else `PyResult<Self::Yield>`.
    type Item;
    /// What `send` takes (see [`Sendable`]).
    type Sent: Sendable;
    /// The function's qualified name (`Class.method`, `outer.<locals>.inner`), for `repr`.
    const NAME: &'static str;
    /// One item of [`LocalGen`] from the outcome of a `next`.
    fn item(next: PyResult<Self::Yield>) -> Self::Item;
    /// Runs from the current state to the next `yield` or to the end. `Input::Throw` raises the
    /// exception where the generator is paused. On return or error the state is `Done`.
    fn resume(&mut self, input: Input<Self::Sent>) -> PyResult<Step<Self::Yield, Self::Return>>;
}

/// A recursive generator function (`def walk(t): ... yield from walk(child)`), written out so
/// that a `yield from` of itself does not run the sub-generator inside its own `resume`: it
/// gives the sub-generator's state (`Step::Delegate`) to [`Flat`], which runs the innermost
/// one directly. An item then costs one `resume`, not one per level of the recursion.
pub trait FlatGenerator: Sized + 'static {
    type Yield;
    /// See [`Generator::Item`].
    type Item;
    type Sent: Sendable;
    const NAME: &'static str;
    fn item(next: PyResult<Self::Yield>) -> Self::Item;
    /// [`Generator::resume`], except at a `yield from` of a new generator of the same function:
    /// there it gives that generator's state, and is resumed at that point later with
    /// `Input::Next` when the sub-generator returned (its value is `None`), or `Input::Throw(e)`
    /// when it raised `e`.
    /// (The sub-generator is given as its first state, made in place of the generator object
    /// that Python would make and nothing else could see: no allocation per level.)
    fn resume_flat(&mut self, input: Input<Self::Sent>) -> PyResult<Step<Self::Yield, (), Self>>;
}

/// The generator object's state for a [`FlatGenerator`]: its own state machine and the
/// chain of sub-generators it is delegating to (`yield from`), innermost last. Python sees the
/// same as with nested generators: each level adds its traceback frame, a thrown exception or
/// `close()` reaches the innermost first, and the recursion limit counts every level.
pub struct Flat<G> {
    outer: G,
    inner: Vec<G>,
}

impl<G: FlatGenerator> Flat<G> {
    pub fn new(start: G) -> Flat<G> {
        Flat { outer: start, inner: Vec::new() }
    }
}

impl<G: FlatGenerator> Generator for Flat<G> {
    type Yield = G::Yield;
    type Return = ();
    type Item = G::Item;
    type Sent = G::Sent;
    const NAME: &'static str = G::NAME;

    fn item(next: PyResult<G::Yield>) -> G::Item {
        G::item(next)
    }

    fn resume(&mut self, mut input: Input<G::Sent>) -> PyResult<Step<G::Yield, ()>> {
        loop {
            let depth = self.inner.len();
            let closing = depth > 0 && matches!(&input, Input::Throw(e) if e.is_instance(Exc::GeneratorExit));
            let frame = match self.inner.last_mut() {
                Some(f) => f,
                None => &mut self.outer,
            };
            // The frame `depth` levels down runs `depth + 1` calls deeper than the consumer.
            let step = match crate::entry::enter_calls(depth as u32 + 1) {
                Ok(_calls) => frame.resume_flat(input),
                Err(e) => Err(e),
            };
            input = match step {
                Ok(Step::Yield(y)) if !closing => return Ok(Step::Yield(y)),
                Ok(Step::Delegate(state)) if !closing => {
                    self.inner.push(state);
                    Input::Next
                }
                Ok(Step::Return(())) | Err(_) if depth == 0 => return step.map(|_| Step::Return(())),
                // The sub-generator returned: `yield from` gives `None` (or, when it was
                // being closed, `GeneratorExit` goes on up).
                Ok(Step::Return(())) => {
                    self.inner.pop();
                    if closing {
                        Input::Throw(generator_exit())
                    } else {
                        Input::Next
                    }
                }
                Err(e) => {
                    self.inner.pop();
                    Input::Throw(sub_raised(e, closing))
                }
                // A sub-generator that went on running when closed: CPython's `close()` of it
                // raises in the delegating one, and closes it once more when it goes away.
                Ok(_) => {
                    if let Some(ignoring) = self.inner.pop() {
                        drop(PyGen(Rc::new(GenCell { state: UnsafeCell::new(Flat::new(ignoring)), status: Cell::new(Status::Suspended) })));
                    }
                    Input::Throw(PyErr::runtime_error("generator ignored GeneratorExit"))
                }
            };
        }
    }
}

#[cold]
fn already_executing() -> PyErr {
    PyErr::value_error("generator already executing")
}

#[cold]
fn sent_to_just_started() -> PyErr {
    PyErr::type_error("can't send non-None value to a just-started generator")
}

/// A `StopIteration` raised inside a generator becomes `RuntimeError` (PEP 479).
#[cold]
fn pep479(e: PyErr) -> PyErr {
    if e.is_instance(Exc::StopIteration) {
        let mut err = PyErr::runtime_error("generator raised StopIteration");
        err.set_cause(Some(e));
        return err;
    }
    e
}

/// What a sub-generator's exception becomes in the generator delegating to it: PEP 479's
/// `RuntimeError` for a `StopIteration` (as for any generator); for `close()`, a
/// `GeneratorExit` or `StopIteration` means it closed, and `GeneratorExit` goes on up.
fn sub_raised(e: PyErr, closing: bool) -> PyErr {
    if closing && (e.is_instance(Exc::GeneratorExit) || e.is_instance(Exc::StopIteration)) {
        return generator_exit();
    }
    pep479(e)
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Status {
    /// Created, its body not started.
    Created,
    Suspended,
    Running,
    Done,
}

/// A generator object's state machine and status (held by a [`PyGen`] or an [`OwnedGen`]).
pub struct GenCell<G: Generator> {
    /// Reached only through `run`, which sets `status` to `Running` for as long as it holds the
    /// state: a generator resuming itself is refused by its status before it could get there
    /// (so no borrow flag is needed besides the status CPython keeps anyway).
    state: UnsafeCell<G>,
    status: Cell<Status>,
}

/// A generator object (`g = fib()`): shared by reference, an iterator of itself.
pub struct PyGen<G: Generator>(Rc<GenCell<G>>);

impl<G: Generator> Clone for PyGen<G> {
    fn clone(&self) -> Self {
        PyGen(Rc::clone(&self.0))
    }
}

impl<G: Generator> PyGen<G> {
    /// Calling a generator function: nothing of its body runs yet.
    pub fn new(start: G) -> PyGen<G> {
        PyGen(Rc::new(GenCell { state: UnsafeCell::new(start), status: Cell::new(Status::Created) }))
    }

    /// The generator just made, for a variable that only ever steps it (`g = gen(); g.send(x)`):
    /// owned there, not shared (see [`OwnedGen`]).
    pub fn into_owned(self) -> OwnedGen<G> {
        match Rc::try_unwrap(self.0) {
            Ok(cell) => {
                // The state moves to the new holder, which closes it (not the cell: no drop).
                let cell = ManuallyDrop::new(cell);
                // SAFETY: the cell is not used again, nor dropped, once its state is read out.
                OwnedGen { state: ManuallyDrop::new(unsafe { std::ptr::read(cell.state.get()) }), status: cell.status.get() }
            }
            // The transpiler only asks this of a generator object nothing else has seen.
            Err(_) => crate::entry::internal_error("a generator made for one variable was shared"),
        }
    }

    /// `a is b`.
    pub fn is(&self, other: &PyGen<G>) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The value `next`/`send`/`throw` return, or `StopIteration(value)` when the generator returned.
fn finish<Y, R: IntoValue>(step: PyResult<Step<Y, Option<R>>>) -> PyResult<Y> {
    match step? {
        Step::Yield(y) => Ok(y),
        Step::Return(r) => {
            let value = r.map(IntoValue::into_value).filter(|v| !matches!(v, Value::None));
            Err(PyErr::stop_iteration(value))
        }
    }
}

/// The protocol methods (`next`, `send`, `throw`, `close`) over one step of a generator object,
/// however it is held: shared (`&GenCell`, which [`PyGen`] derefs to) or owned by the one
/// variable that steps it (`&mut OwnedGen`).
pub trait GenProtocol: Sized {
    type Gen: Generator;

    /// One step with any input; `Ok(Step::Return(None))` when the generator was already done.
    #[allow(clippy::type_complexity)]
    fn step(self, input: Input<<Self::Gen as Generator>::Sent>) -> PyResult<Step<<Self::Gen as Generator>::Yield, Option<<Self::Gen as Generator>::Return>>>;

    /// `g.close()`.
    fn close(self) -> PyResult<()>;

    /// `next(g)`: `StopIteration` (carrying the return value) at the end.
    #[inline(always)]
    fn next_value(self) -> PyResult<<Self::Gen as Generator>::Yield>
    where
        <Self::Gen as Generator>::Return: IntoValue,
    {
        finish(self.step(Input::Next))
    }

    /// `next(g, default)`.
    #[inline]
    fn next_or(self, default: <Self::Gen as Generator>::Yield) -> PyResult<<Self::Gen as Generator>::Yield> {
        match self.step(Input::Next)? {
            Step::Yield(y) => Ok(y),
            Step::Return(_) => Ok(default),
        }
    }

    /// `g.send(v)`.
    #[inline]
    fn send(self, v: <Self::Gen as Generator>::Sent) -> PyResult<<Self::Gen as Generator>::Yield>
    where
        <Self::Gen as Generator>::Return: IntoValue,
    {
        finish(self.step(Input::Send(v)))
    }

    /// `g.send(v)` with `v` a value that may be `None` (which resumes as `next(g)` does).
    #[inline]
    fn send_opt(self, v: Option<<Self::Gen as Generator>::Sent>) -> PyResult<<Self::Gen as Generator>::Yield>
    where
        <Self::Gen as Generator>::Return: IntoValue,
    {
        finish(self.step(match v {
            Some(v) => Input::Send(v),
            None => Input::Next,
        }))
    }

    /// `g.throw(e)`: raised where the generator is paused; what it yields next is returned.
    #[inline]
    fn throw(self, e: PyErr) -> PyResult<<Self::Gen as Generator>::Yield>
    where
        <Self::Gen as Generator>::Return: IntoValue,
    {
        finish(self.step(Input::Throw(e)))
    }
}

impl<G: Generator> GenProtocol for &GenCell<G> {
    type Gen = G;

    #[inline(always)]
    fn step(self, input: Input<G::Sent>) -> PyResult<Step<G::Yield, Option<G::Return>>> {
        GenCell::step(self, input)
    }

    fn close(self) -> PyResult<()> {
        GenCell::close(self)
    }
}

/// What one step of the protocol does, from the generator's status and the input (the same
/// whichever way the generator object is held).
enum Decision<S> {
    /// Run the state machine.
    Run(Input<S>),
    /// Refused, the status unchanged.
    Refuse(PyErr),
    /// Thrown into a generator that never started: raised where its body would begin, so it
    /// is finished, and a `StopIteration` becomes `RuntimeError` as one raised in the body does.
    RaiseUnstarted(PyErr),
    /// Already finished.
    Finished,
}

/// For `next()`, the common resumption, decided apart so that the state machine's `resume`
/// sees `Input::Next` as a constant: whether to run (`Ok(false)`: already finished).
#[inline(always)]
fn runs_next(status: Status) -> PyResult<bool> {
    match status {
        Status::Suspended | Status::Created => Ok(true),
        Status::Running => Err(already_executing()),
        Status::Done => Ok(false),
    }
}

#[inline(always)]
fn decide<S: Sendable>(status: Status, input: Input<S>) -> Decision<S> {
    match (status, input) {
        (Status::Suspended, input) => Decision::Run(input),
        (Status::Created, Input::Throw(e)) => Decision::RaiseUnstarted(e),
        (Status::Created, Input::Send(v)) if !v.is_none() => Decision::Refuse(sent_to_just_started()),
        // `send(None)` starts it like `next`.
        (Status::Created, input) => Decision::Run(input),
        (Status::Running, _) => Decision::Refuse(already_executing()),
        (Status::Done, Input::Throw(e)) => Decision::Refuse(e),
        (Status::Done, _) => Decision::Finished,
    }
}

/// The status after the state machine ran, and what the step gives.
#[inline(always)]
#[allow(clippy::type_complexity)]
fn ran<Y, R>(result: PyResult<Step<Y, R>>) -> (Status, PyResult<Step<Y, Option<R>>>) {
    match result {
        Ok(Step::Yield(y)) => (Status::Suspended, Ok(Step::Yield(y))),
        Ok(Step::Return(r)) => (Status::Done, Ok(Step::Return(Some(r)))),
        // The body raised: the generator is finished, and (PEP 479) a `StopIteration` escaping
        // it becomes `RuntimeError`, since it would otherwise silently end the consumer's loop.
        Err(e) => (Status::Done, Err(pep479(e))),
    }
}

/// What `close()` gives once `GeneratorExit` was thrown into a suspended generator.
fn closed<Y, R>(step: PyResult<Step<Y, R>>) -> PyResult<()> {
    match step {
        Ok(Step::Yield(_)) => Err(PyErr::runtime_error("generator ignored GeneratorExit")),
        Ok(Step::Return(_)) => Ok(()),
        Err(e) if e.is_instance(Exc::GeneratorExit) || e.is_instance(Exc::StopIteration) => Ok(()),
        Err(e) => Err(e),
    }
}

fn generator_exit() -> PyErr {
    PyErr::with_args(Exc::GeneratorExit, Vec::new())
}

impl<G: Generator> Deref for PyGen<G> {
    type Target = GenCell<G>;
    #[inline(always)]
    fn deref(&self) -> &GenCell<G> {
        &self.0
    }
}

/// A generator object held by one variable that only steps it (`acc = accumulator()`, then
/// `next(acc)`, `acc.send(x)`, `acc.throw(e)`, `acc.close()`): owned there rather than shared,
/// so its state can live in registers across a loop. Dropped (closed) when the variable is
/// assigned again or goes out of scope, where the last reference to it would go in CPython.
///
/// Nothing but that variable reaches it, so its body cannot resume it again while it runs: it
/// keeps no `Running` status, and its state is a plain field (no cell), which a loop stepping
/// it can keep in registers.
pub struct OwnedGen<G: Generator> {
    /// Taken out only by `drop`.
    state: ManuallyDrop<G>,
    status: Status,
}

impl<'a, G: Generator> GenProtocol for &'a mut OwnedGen<G> {
    type Gen = G;

    #[inline(always)]
    fn step(self, input: Input<G::Sent>) -> PyResult<Step<G::Yield, Option<G::Return>>> {
        if let Input::Next = input {
            return match runs_next(self.status)? {
                true => self.run(Input::Next),
                false => Ok(Step::Return(None)),
            };
        }
        match decide(self.status, input) {
            Decision::Run(input) => self.run(input),
            Decision::Refuse(e) => Err(e),
            Decision::RaiseUnstarted(e) => {
                self.status = Status::Done;
                Err(pep479(e))
            }
            Decision::Finished => Ok(Step::Return(None)),
        }
    }

    /// Inlined, as every method here: a call given the variable's address would keep its
    /// state in memory throughout the loops that step it.
    #[inline(always)]
    fn close(self) -> PyResult<()> {
        match self.status {
            Status::Suspended => closed(self.step(Input::Throw(generator_exit()))),
            _ => {
                self.status = Status::Done;
                Ok(())
            }
        }
    }
}

impl<G: Generator> OwnedGen<G> {
    /// Runs the state machine to its next `yield` or its end.
    #[inline(always)]
    fn run(&mut self, input: Input<G::Sent>) -> PyResult<Step<G::Yield, Option<G::Return>>> {
        let (status, step) = ran(self.state.resume(input));
        self.status = status;
        step
    }
}

impl<G: Generator> Drop for OwnedGen<G> {
    /// Closed when the variable lets go of it, as CPython closes a generator when its last
    /// reference goes. The state is moved out first, so that (as in `close`) nothing is given
    /// the variable's address.
    #[inline(always)]
    fn drop(&mut self) {
        // SAFETY: the state is not used again (this is its drop).
        let state = unsafe { ManuallyDrop::take(&mut self.state) };
        if self.status == Status::Suspended {
            close_unreferenced(state);
        }
    }
}

/// Closes a suspended generator nothing refers to any more; what it raises is reported as
/// CPython reports it ("Exception ignored in: ...").
#[cold]
#[inline(never)]
fn close_unreferenced<G: Generator>(state: G) {
    let mut g = OwnedGen { state: ManuallyDrop::new(state), status: Status::Suspended };
    if let Err(e) = (&mut g).close() {
        let at = &g as *const OwnedGen<G> as usize;
        crate::entry::report_unraisable(&format!("Exception ignored in: <generator object {} at {at:#x}>", G::NAME), &e);
    }
    // Closed once, even if it yielded again.
    g.status = Status::Done;
}

impl<G: Generator> GenCell<G> {
    /// One step of the protocol with any input; `Ok(Step::Return(None))` when the generator
    /// was already done. (What is refused is made by cold functions that do not see the
    /// generator: a loop stepping one held in place can then keep its state in registers.)
    #[inline(always)]
    pub fn step(&self, input: Input<G::Sent>) -> PyResult<Step<G::Yield, Option<G::Return>>> {
        if let Input::Next = input {
            return match runs_next(self.status.get())? {
                true => self.run(Input::Next),
                false => Ok(Step::Return(None)),
            };
        }
        match decide(self.status.get(), input) {
            Decision::Run(input) => self.run(input),
            Decision::Refuse(e) => Err(e),
            Decision::RaiseUnstarted(e) => {
                self.status.set(Status::Done);
                Err(pep479(e))
            }
            Decision::Finished => Ok(Step::Return(None)),
        }
    }

    /// Runs the state machine to its next `yield` or its end, with the status CPython reports
    /// meanwhile (`Running`) and after.
    #[inline(always)]
    fn run(&self, input: Input<G::Sent>) -> PyResult<Step<G::Yield, Option<G::Return>>> {
        self.status.set(Status::Running);
        // SAFETY: every path to `state` goes through `run`, which is only entered from a status
        // other than `Running` and sets `Running` first; the reference ends before the status
        // changes again. (A re-entrant `next`/`send`/`throw`/`close` meets `Running` and raises
        // `ValueError`; the generator cannot be dropped while this call holds a reference.)
        let (status, step) = ran(unsafe { (*self.state.get()).resume(input) });
        self.status.set(status);
        step
    }

    /// `g.close()`.
    pub fn close(&self) -> PyResult<()> {
        match self.status.get() {
            Status::Running => Err(already_executing()),
            Status::Created | Status::Done => {
                self.status.set(Status::Done);
                Ok(())
            }
            Status::Suspended => closed(self.step(Input::Throw(generator_exit()))),
        }
    }
}

impl<G: Generator> Drop for GenCell<G> {
    /// A suspended generator that is no longer referenced is closed, so its `finally` blocks
    /// run (CPython does this when the last reference goes away).
    fn drop(&mut self) {
        if self.status.get() != Status::Suspended {
            return;
        }
        if let Err(e) = self.close() {
            let at = self as *const GenCell<G> as usize;
            crate::entry::report_unraisable(&format!("Exception ignored in: <generator object {} at {at:#x}>", G::NAME), &e);
        }
    }
}

impl<G: Generator> Iterator for PyGen<G> {
    type Item = PyResult<G::Yield>;

    // Thin (as `next_value`): what it costs is the state machine's `resume`, inlined or not
    // as the generated code asks.
    #[inline(always)]
    fn next(&mut self) -> Option<PyResult<G::Yield>> {
        match self.0.step(Input::Next) {
            Ok(Step::Yield(y)) => Some(Ok(y)),
            Ok(Step::Return(_)) => None,
            Err(e) => Some(Err(e)),
        }
    }
}

/// A generator consumed where it is made (`for x in gen(n)`, `sum(gen(n))`): nothing else can
/// reach it, so it is owned, not shared, and its items are `G::Item` (plain values when the
/// body cannot raise). It keeps the protocol's rules: PEP 479, and closing it when dropped
/// unfinished (a `break` out of the loop runs its `finally` blocks).
pub struct LocalGen<G: Generator>(Local<G>);

enum Local<G: Generator> {
    Owned(GenCell<G>),
    /// Not reached (the generator was just made), but kept correct: still shared.
    Shared(PyGen<G>),
}

impl<G: Generator> PyGen<G> {
    /// The generator as an owned iterator, for a consumer that is the only one to see it.
    pub fn into_local(self) -> LocalGen<G> {
        LocalGen(match Rc::try_unwrap(self.0) {
            Ok(cell) => Local::Owned(cell),
            Err(rc) => Local::Shared(PyGen(rc)),
        })
    }
}

impl<G: Generator> Iterator for LocalGen<G> {
    type Item = G::Item;

    #[inline]
    fn next(&mut self) -> Option<G::Item> {
        let cell = match &self.0 {
            Local::Owned(cell) => cell,
            Local::Shared(g) => &g.0,
        };
        match cell.step(Input::Next) {
            Ok(Step::Yield(y)) => Some(G::item(Ok(y))),
            Ok(Step::Return(_)) => None,
            Err(e) => Some(G::item(Err(e))),
        }
    }
}

impl<G: Generator> PyObject for PyGen<G> {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        out.push_str(&format!("<generator object {} at {:#x}>", G::NAME, Rc::as_ptr(&self.0) as *const () as usize));
        Ok(())
    }
    fn truthy(&self) -> bool {
        true
    }
    fn type_name(&self) -> &'static str {
        "generator"
    }
}

/// A generator as a dynamic value (where several types meet).
impl<G: Generator> Object for PyGen<G>
where
    G::Yield: IntoValue,
    G::Return: IntoValue,
{
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn into_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }

    fn identity(&self) -> *const () {
        Rc::as_ptr(&self.0) as *const ()
    }

    fn is_generator(&self) -> bool {
        true
    }

    fn gen_step(&self, input: Input<Value>) -> Option<PyResult<Step<Value, Value>>> {
        let input = match input {
            Input::Next => Input::Next,
            Input::Send(v) => match G::Sent::input_of(v) {
                Ok(i) => i,
                Err(e) => return Some(Err(e)),
            },
            Input::Throw(e) => Input::Throw(e),
        };
        let step = match input {
            Input::Throw(e) if e.is_instance(Exc::GeneratorExit) => Err(self.close_delegate(e)),
            input => self.0.step(input),
        };
        Some(step.map(|s| match s {
            Step::Yield(y) => Step::Yield(y.into_value()),
            Step::Return(r) => Step::Return(r.map_or(Value::None, IntoValue::into_value)),
        }))
    }

    fn hash_obj(&self) -> PyResult<i64> {
        Ok(address_hash(self.identity()))
    }

    fn iter(self: Rc<Self>) -> PyResult<ValueIter> {
        let g = (*self).clone();
        Ok(ValueIter::new(g.map(|r| r.map(IntoValue::into_value))))
    }

    fn call_method(self: Rc<Self>, name: &str, args: Vec<Value>) -> Option<PyResult<Value>> {
        let arity = |n: usize| {
            if args.len() == n {
                Ok(())
            } else {
                Err(PyErr::type_error(format!("generator.{name}() takes exactly {n} argument{} ({} given)", if n == 1 { "" } else { "s" }, args.len())))
            }
        };
        Some(match name {
            "send" => arity(1).and_then(|_| {
                let input = G::Sent::input_of(args.into_iter().next().unwrap_or(Value::None))?;
                finish(self.0.step(input)).map(IntoValue::into_value)
            }),
            "__next__" => arity(0).and_then(|_| self.next_value().map(IntoValue::into_value)),
            "close" => arity(0).and_then(|_| self.close().map(|_| Value::None)),
            "throw" => arity(1).and_then(|_| {
                let e = crate::flow::exception_of(args.into_iter().next().unwrap_or(Value::None))?;
                self.throw(e).map(IntoValue::into_value)
            }),
            _ => return None,
        })
    }
}

/// `a == b` on generators: identity.
impl<G: Generator> crate::object::PyEq for PyGen<G> {
    fn py_eq(&self, other: &Self) -> bool {
        self.is(other)
    }
}

/// `hash(g)`: from its address, as CPython's default hash.
impl<G: Generator> crate::hash::PyHash for PyGen<G> {
    fn py_hash(&self) -> PyResult<i64> {
        Ok(address_hash(Rc::as_ptr(&self.0) as *const ()))
    }
}

/// CPython's `object.__hash__`: the address rotated by 4 bits.
fn address_hash(p: *const ()) -> i64 {
    (p as usize).rotate_right(4) as i64
}

impl<G: Generator> IntoValue for PyGen<G>
where
    G::Yield: IntoValue,
    G::Return: IntoValue,
{
    fn into_value(self) -> Value {
        Value::Obj(Rc::new(self))
    }
}

impl<G: Generator> crate::value::FromValue for PyGen<G>
where
    G::Yield: IntoValue,
    G::Return: IntoValue,
{
    fn from_value(v: Value) -> PyResult<Self> {
        match v {
            Value::Obj(o) => {
                let name = o.type_name();
                match o.into_any_rc().downcast::<PyGen<G>>() {
                    Ok(rc) => Ok((*rc).clone()),
                    Err(_) => Err(PyErr::type_error(format!("expected a generator of {}, got {name}", G::NAME))),
                }
            }
            other => Err(PyErr::type_error(format!("expected a generator of {}, got {}", G::NAME, other.type_name()))),
        }
    }
}

/// `yield from sub`: what a delegating generator needs of the thing it delegates to.
pub trait Delegate<S> {
    type Item;
    type Return;
    /// Passes `input` on: a yielded value, or the sub-iterator's return value when it ends.
    fn delegate(&mut self, input: Input<S>) -> PyResult<Step<Self::Item, Self::Return>>;
}

impl<G: Generator> Delegate<G::Sent> for PyGen<G> {
    type Item = G::Yield;
    /// `None` when the sub-generator had already finished (`yield from` gives `None` then).
    type Return = Option<G::Return>;

    /// Inlined into the delegating generator's `resume`: one call per level of a chain of
    /// `yield from`s, not two.
    #[inline(always)]
    fn delegate(&mut self, input: Input<G::Sent>) -> PyResult<Step<G::Yield, Option<G::Return>>> {
        match input {
            Input::Throw(e) if e.is_instance(Exc::GeneratorExit) => Err(self.close_delegate(e)),
            input => self.0.step(input),
        }
    }
}

impl<G: Generator> PyGen<G> {
    /// close() of the delegating generator closes the sub-generator first, then GeneratorExit
    /// is raised in the delegating one.
    #[cold]
    #[inline(never)]
    fn close_delegate(&self, exit: PyErr) -> PyErr {
        match self.close() {
            Ok(()) => exit,
            Err(e) => e,
        }
    }
}

/// The value of `yield from g` when `g`'s return type is not `None`: a sub-generator that had
/// already finished gives `None`, which such a variable cannot hold.
pub fn returned<R>(r: Option<R>) -> PyResult<R> {
    r.ok_or_else(|| PyErr::type_error("py2rust: `yield from` a generator that had already finished gives None here, which this program's types do not allow"))
}

/// `yield from v` with `v` known only at run time: a generator object gets the whole
/// protocol (`send`, `throw`, `close`, its return value), anything else is iterated as
/// [`DelegateIter`] does.
pub enum DelegateValue {
    Generator(Rc<dyn Object>),
    Items(ValueIter),
}

impl DelegateValue {
    pub fn new(v: Value) -> PyResult<DelegateValue> {
        match &v {
            Value::Obj(o) if o.is_generator() => Ok(DelegateValue::Generator(Rc::clone(o))),
            _ => Ok(DelegateValue::Items(v.iter()?)),
        }
    }
}

impl<S: Sendable + IntoValue> Delegate<S> for DelegateValue {
    type Item = Value;
    type Return = Value;

    fn delegate(&mut self, input: Input<S>) -> PyResult<Step<Value, Value>> {
        match self {
            DelegateValue::Generator(g) => match g.gen_step(input.into_dyn()) {
                Some(step) => step,
                None => Err(PyErr::runtime_error("py2rust: internal error: a generator stopped being one")),
            },
            DelegateValue::Items(it) => match DelegateIter(it).delegate(input)? {
                Step::Yield(v) => Ok(Step::Yield(v)),
                Step::Return(()) => Ok(Step::Return(Value::None)),
            },
        }
    }
}

/// `yield from iterable` over a plain iterator (a list, a range, a generator expression):
/// `send` of a value other than `None` and `throw` cannot reach it.
pub struct DelegateIter<I>(pub I);

impl<S: Sendable, T, I: Iterator<Item = PyResult<T>>> Delegate<S> for DelegateIter<I> {
    type Item = T;
    type Return = ();

    #[inline]
    fn delegate(&mut self, input: Input<S>) -> PyResult<Step<T, ()>> {
        match input {
            Input::Throw(e) => Err(e),
            Input::Send(v) if !v.is_none() => {
                Err(PyErr::attribute_error(format!("'{}' object has no attribute 'send'", "iterator")))
            }
            _ => Ok(match self.0.next() {
                Some(r) => Step::Yield(r?),
                None => Step::Return(()),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `def count(n): i = 0; while i < n: yield i; i += 1; return "done"`, written out as the
    /// transpiler writes it.
    enum Count {
        Start { n: Int },
        AtYield { n: Int, i: Int },
        Done,
    }

    impl Generator for Count {
        type Yield = Int;
        type Return = crate::pystr::PyStr;
        type Item = PyResult<Int>;
        type Sent = Value;
        const NAME: &'static str = "count";

        fn item(next: PyResult<Int>) -> PyResult<Int> {
            next
        }

        fn resume(&mut self, input: Input<Value>) -> PyResult<Step<Int, crate::pystr::PyStr>> {
            let (n, mut i) = match std::mem::replace(self, Count::Done) {
                Count::Start { n } => (n, Int::from(0)),
                Count::AtYield { n, i } => {
                    if let Input::Throw(e) = input {
                        return Err(e);
                    }
                    (n, i + Int::from(1))
                }
                Count::Done => return Ok(Step::Return("done".into())),
            };
            if i < n {
                let y = i.clone();
                *self = Count::AtYield { n, i };
                return Ok(Step::Yield(y));
            }
            i = i.clone();
            let _ = i;
            Ok(Step::Return("done".into()))
        }
    }

    #[test]
    fn a_local_generator_is_owned_unless_shared() {
        let local = PyGen::new(Count::Start { n: Int::from(3) }).into_local();
        assert!(matches!(local.0, Local::Owned(_)));
        let items: Vec<Int> = local.map(|r| r.unwrap()).collect();
        assert_eq!(items, vec![Int::from(0), Int::from(1), Int::from(2)]);
        // Shared after all: still one generator, seen from both handles.
        let g = PyGen::new(Count::Start { n: Int::from(3) });
        let other = g.clone();
        let mut local = g.into_local();
        assert!(matches!(local.0, Local::Shared(_)));
        assert_eq!(local.next().unwrap().unwrap(), Int::from(0));
        assert_eq!(other.next_value().unwrap(), Int::from(1));
    }

    #[test]
    fn next_send_and_return_value() {
        let g = PyGen::new(Count::Start { n: Int::from(2) });
        assert_eq!(g.next_value().unwrap(), Int::from(0));
        assert_eq!(g.send(Value::None).unwrap(), Int::from(1));
        let stop = g.next_value().unwrap_err();
        assert!(stop.is_instance(Exc::StopIteration));
        assert_eq!(stop.args().len(), 1);
        // Exhausted stays exhausted, without a value.
        assert_eq!(g.next_value().unwrap_err().args().len(), 0);
    }

    #[test]
    fn protocol_errors_match_cpython() {
        let g = PyGen::new(Count::Start { n: Int::from(2) });
        let e = g.send(Value::Int(Int::from(1))).unwrap_err();
        assert!(e.is_instance(Exc::TypeError));
        assert_eq!(g.next_value().unwrap(), Int::from(0));
        let thrown = g.throw(PyErr::value_error("x")).unwrap_err();
        assert!(thrown.is_instance(Exc::ValueError));
        assert!(g.next_value().unwrap_err().is_instance(Exc::StopIteration));
        g.close().unwrap();
        let fresh = PyGen::new(Count::Start { n: Int::from(5) });
        fresh.close().unwrap();
        assert_eq!(fresh.next_or(Int::from(-1)).unwrap(), Int::from(-1));
    }

    /// Compares a step's outcome, whatever the holder.
    fn outcome(r: PyResult<Int>) -> String {
        match r {
            Ok(v) => format!("yield {}", v.to_i64().unwrap_or(-1)),
            Err(e) => format!("raise {} {}", e.type_name(), e.args().len()),
        }
    }

    #[test]
    fn an_owned_generator_follows_the_protocol_as_a_shared_one() {
        type Op = fn(&mut dyn FnMut(Input<Value>) -> PyResult<Int>) -> PyResult<Int>;
        let ops: [(&str, Op); 5] = [
            ("next", |step| step(Input::Next)),
            ("send None", |step| step(Input::Send(Value::None))),
            ("send 1", |step| step(Input::Send(Value::Int(Int::from(1))))),
            ("throw", |step| step(Input::Throw(PyErr::value_error("x")))),
            ("next again", |step| step(Input::Next)),
        ];
        // Every sequence of three operations, then close().
        for a in 0..ops.len() {
            for b in 0..ops.len() {
                for c in 0..ops.len() {
                    let shared = PyGen::new(Count::Start { n: Int::from(2) });
                    let mut owned = PyGen::new(Count::Start { n: Int::from(2) }).into_owned();
                    for &i in &[a, b, c] {
                        let want = outcome(ops[i].1(&mut |input| finish(shared.step(input))));
                        let got = outcome(ops[i].1(&mut |input| finish((&mut owned).step(input))));
                        assert_eq!(got, want, "after {:?}", [a, b, c].map(|i| ops[i].0));
                    }
                    assert_eq!(outcome((&mut owned).close().map(|_| Int::from(0))), outcome(shared.close().map(|_| Int::from(0))));
                }
            }
        }
    }

    thread_local! {
        static EXITS_IGNORED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }

    /// `def stubborn(): while True: try: yield 1 except GeneratorExit: pass`.
    struct Stubborn;

    impl Generator for Stubborn {
        type Yield = Int;
        type Return = ();
        type Item = PyResult<Int>;
        type Sent = ();
        const NAME: &'static str = "stubborn";
        fn item(next: PyResult<Int>) -> PyResult<Int> {
            next
        }
        fn resume(&mut self, input: Input<()>) -> PyResult<Step<Int, ()>> {
            if let Input::Throw(_) = input {
                EXITS_IGNORED.with(|n| n.set(n.get() + 1));
            }
            Ok(Step::Yield(Int::from(1)))
        }
    }

    #[test]
    fn an_owned_generator_dropped_suspended_is_closed_once() {
        let mut g = PyGen::new(Stubborn).into_owned();
        assert_eq!((&mut g).next_value().unwrap(), Int::from(1));
        let e = (&mut g).close().unwrap_err();
        assert_eq!(e.to_string(), "RuntimeError: generator ignored GeneratorExit");
        assert_eq!(EXITS_IGNORED.with(|n| n.get()), 1);
        // Still suspended: dropping it closes it once more (reported, not raised), and once only.
        drop(g);
        assert_eq!(EXITS_IGNORED.with(|n| n.get()), 2);
    }

    /// The state machines the transpiler writes for `fib` (two ints live across the `yield`)
    /// and `accumulator` (its total: an int, as its `send`s pass ints): their sizes.
    #[test]
    fn suspended_generators_are_small() {
        #[allow(dead_code)]
        enum FibGen {
            Start,
            AtLine5 { a: Int, b: Int },
            Done,
        }
        #[allow(dead_code)]
        enum AccumulatorGen {
            Start,
            AtLine4 { total: Int },
            Done,
        }
        let (fib, acc) = (std::mem::size_of::<FibGen>(), std::mem::size_of::<AccumulatorGen>());
        println!("size_of FibGen = {fib}, AccumulatorGen = {acc}, Int = {}, Value = {}", std::mem::size_of::<Int>(), std::mem::size_of::<Value>());
        assert!(fib <= 40 && acc <= 40, "{fib} {acc}");
    }

    /// `def acc(): total = 0; while True: v = yield total; total += v`, sent ints.
    enum Acc {
        Start,
        Paused { total: Int },
        Done,
    }

    impl Generator for Acc {
        type Yield = Int;
        type Return = ();
        type Item = PyResult<Int>;
        type Sent = Int;
        const NAME: &'static str = "acc";

        fn item(next: PyResult<Int>) -> PyResult<Int> {
            next
        }

        fn resume(&mut self, input: Input<Int>) -> PyResult<Step<Int, ()>> {
            let total = match std::mem::replace(self, Acc::Done) {
                Acc::Start => Int::from(0),
                Acc::Paused { total } => {
                    let v = match input {
                        Input::Throw(e) => return Err(e),
                        Input::Send(v) => Some(v),
                        Input::Next => None,
                    };
                    &total + crate::value::some_operand(&v, "+=", "int", "NoneType")?
                }
                Acc::Done => return Ok(Step::Return(())),
            };
            *self = Acc::Paused { total: total.clone() };
            Ok(Step::Yield(total))
        }
    }

    #[test]
    fn typed_sends() {
        let g = PyGen::new(Acc::Start);
        // send(None) starts it, as next() does; a value cannot.
        assert!(g.send(Int::from(1)).unwrap_err().is_instance(Exc::TypeError));
        assert_eq!(g.send_opt(None).unwrap(), Int::from(0));
        assert_eq!(g.send(Int::from(5)).unwrap(), Int::from(5));
        assert_eq!(g.send_opt(Some(Int::from(2))).unwrap(), Int::from(7));
        // Through a dynamic value, a sent int is unboxed once.
        let dynamic = Rc::new(g.clone());
        let r = dynamic.call_method("send", vec![Value::Int(Int::from(3))]).unwrap().unwrap();
        assert!(matches!(r, Value::Int(ref i) if *i == Int::from(10)));
        // next() gives the paused yield None: the addition raises CPython's TypeError.
        assert_eq!(g.next_value().unwrap_err().to_string(), "TypeError: unsupported operand type(s) for +=: 'int' and 'NoneType'");
    }

    #[test]
    fn iterating_collects_every_value() {
        let g = PyGen::new(Count::Start { n: Int::from(4) });
        let items: Vec<Int> = g.clone().map(|r| r.unwrap()).collect();
        assert_eq!(items.len(), 4);
        assert_eq!(g.clone().count(), 0);
    }
}
